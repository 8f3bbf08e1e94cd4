/*
 * The rendered ftp-kit-cert script run for real (bash, openssl, lego) in a scratch folder: what it does
 * when the ACME server cannot be reached, and when the served certificate is still fresh.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../lib/config';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { renderCertScript, resolveLayout } from '../../lib/render';

function runScript(tls: FtpKitConfigInput['tls'], dir: string, acmeServer?: string) {
  const config = validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'alice' }], tls });
  const layout = resolveLayout({
    etcDir: join(dir, 'etc'),
    dataDir: join(dir, 'data'),
    logDir: join(dir, 'log'),
    secureChrootDir: join(dir, 'empty'),
  });
  const script = join(dir, 'ftp-kit-cert');
  writeFileSync(
    script,
    renderCertScript(config, {
      layout,
      publicAddress: '203.0.113.7',
      onEc2: false,
      acmeServer,
      acmeDns: { provider: 'exec', hookPath: '/bin/true', resolver: '127.0.0.1:1' },
    }),
    { mode: 0o700 },
  );
  const result = spawnSync('bash', [script], { encoding: 'utf8', timeout: 60000 });
  return { ...result, certFile: join(layout.etcDir, 'tls', 'cert.pem'), keyFile: join(layout.etcDir, 'tls', 'key.pem') };
}

describe('ftp-kit-cert', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-cert-script-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN lets-encrypt and an unreachable ACME server THEN it exits non-zero but leaves a self-signed pair so vsftpd can start', () => {
    const result = runScript(
      { mode: 'lets-encrypt', domain: 'ftp.example.com', hostedZoneId: 'Z1ABC', email: 'ops@example.com' },
      dir,
      'https://127.0.0.1:1/dir',
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('serving a self-signed one for 203.0.113.7 until the next run');
    expect(new X509Certificate(readFileSync(result.certFile)).subjectAltName).toBe('IP Address:203.0.113.7');
    expect(statSync(result.keyFile).mode & 0o777).toBe(0o600);
  });

  test('GIVEN self-signed WHEN run twice THEN the second run keeps the fresh pair and says nothing changed', () => {
    const first = runScript(undefined, dir);
    expect([first.status, first.stdout]).toEqual([0, 'changed\n']);
    const pem = readFileSync(first.certFile, 'utf8');
    const second = runScript(undefined, dir);
    expect([second.status, second.stdout]).toEqual([0, '']);
    expect(readFileSync(second.certFile, 'utf8')).toBe(pem);
  });
});
