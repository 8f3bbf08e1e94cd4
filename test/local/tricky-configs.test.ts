/*
 * No config the validator accepts may produce a server that fails to start: every tricky accepted
 * config (test/support/tricky-configs.ts) runs in a real vsftpd 3.0.3 through the preview, which
 * also loads its nftables firewall, and a user logs in over TLS.
 */
import { validateConfig } from '../../lib/config';
import { startPreview } from '../../lib/local/preview';
import { directConnect, RawFtp } from '../support/ftp-raw';
import { TRICKY_CONFIGS } from '../support/tricky-configs';
import { freeControlPort, passiveRange } from './helpers';

jest.setTimeout(120000);

describe('tricky accepted configs in a real vsftpd', () => {
  test.each(Object.entries(TRICKY_CONFIGS).map(([name, input], i) => [name, input, i] as const))(
    'GIVEN "%s" THEN the preview starts, greets with the banner and a user logs in over TLS',
    async (_name, input, slot) => {
      const range = passiveRange(40 + slot);
      // Ports of this run's own; the width the config asks for is kept.
      const width = input.passivePorts ? input.passivePorts.to - input.passivePorts.from : range.to - range.from;
      const config = validateConfig({
        ...input,
        controlPort: await freeControlPort(),
        passivePorts: { from: range.from, to: range.from + width },
      });
      const preview = await startPreview({ config });
      try {
        // With max_clients 1 (3 passive ports) the readiness check's session may not have ended yet: 421 until it has (bounded).
        let ftp = await RawFtp.open(directConnect, preview.address, preview.port);
        for (let tries = 0; ftp.greeting.code === 421 && tries < 50; tries++) {
          ftp.close();
          await new Promise((r) => setTimeout(r, 100));
          ftp = await RawFtp.open(directConnect, preview.address, preview.port);
        }
        expect(ftp.greeting.code).toBe(220);
        // The reply parser trims the line; vsftpd sends the banner as written.
        expect(ftp.greeting.text.slice(4)).toBe(config.banner.trim());
        await ftp.authTls({ ca: preview.certificate.pem });
        expect(await ftp.login('alice', preview.credentials.alice)).toMatchObject({ code: 230 });
        ftp.close();
      } finally {
        await preview.stop();
      }
    },
  );
});
