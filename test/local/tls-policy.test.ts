/*
 * tls.maxVersion, measured with `openssl s_client -starttls ftp` against a real preview: the versions the
 * policy allows complete a handshake, the others are refused. TLS 1.0/1.1 stay refused in both.
 */
import { spawnSync } from 'node:child_process';
import { validateConfig } from '../../lib/config';
import { LocalPreview, startPreview } from '../../lib/local/preview';
import { freeControlPort, passiveRange } from './helpers';

jest.setTimeout(60000);

/** The protocol a `s_client -starttls ftp -<flag>` handshake negotiated, or 'refused'. */
function handshake(preview: LocalPreview, flag: string): string {
  // SECLEVEL=0 on the client only: the refusal of TLS 1.0/1.1 must come from the server.
  const args = [
    's_client',
    '-starttls',
    'ftp',
    '-connect',
    `${preview.address}:${preview.port}`,
    `-${flag}`,
    '-cipher',
    'DEFAULT:@SECLEVEL=0',
  ];
  const result = spawnSync('openssl', args, { input: '', encoding: 'utf8', timeout: 15000 });
  const match = /Protocol\s*:\s*(TLSv[\d.]+)/.exec(result.stdout) ?? /New, (TLSv[\d.]+),/.exec(result.stdout);
  return result.status === 0 && match ? match[1] : 'refused';
}

describe.each([
  ['1.2', { tls1_3: 'refused', tls1_2: 'TLSv1.2' }],
  ['1.3', { tls1_3: 'TLSv1.3', tls1_2: 'TLSv1.2' }],
] as const)('GIVEN tls.maxVersion %s', (maxVersion, expected) => {
  let preview: LocalPreview;
  beforeAll(async () => {
    const config = validateConfig({
      name: 'tls-policy',
      controlPort: await freeControlPort(),
      passivePorts: passiveRange(maxVersion === '1.2' ? 30 : 31),
      allow: ['198.51.100.0/24'],
      users: [{ name: 'alice' }],
      tls: { maxVersion },
    });
    preview = await startPreview({ config });
  });
  afterAll(async () => {
    await preview?.stop();
  });

  test('THEN openssl s_client negotiates exactly the allowed versions', () => {
    expect({ tls1_3: handshake(preview, 'tls1_3'), tls1_2: handshake(preview, 'tls1_2') }).toEqual(expected);
  });

  test('THEN TLS 1.1 and 1.0 are refused', () => {
    expect([handshake(preview, 'tls1_1'), handshake(preview, 'tls1')]).toEqual(['refused', 'refused']);
  });
});
