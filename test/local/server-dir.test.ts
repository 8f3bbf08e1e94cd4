import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureGuestAccount,
  generatePassword,
  hashPassword,
  installPamService,
  makeJail,
  makeSelfSignedCertificate,
  pamServiceFile,
  prepareServerTree,
  rebasedLayout,
  writePasswordFile,
} from '../../lib/local/server-dir';
import { DEFAULT_LAYOUT } from '../../lib/render';

describe('a server folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-serverdir-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN rebasedLayout puts every path under the folder and keeps the names given', () => {
    const layout = rebasedLayout('/tmp/x', { pamServiceName: 'ftp-kit-preview-2121-1' });
    expect(layout).toEqual({
      ...DEFAULT_LAYOUT,
      etcDir: '/tmp/x/etc',
      dataDir: '/tmp/x/data',
      logDir: '/tmp/x/log',
      secureChrootDir: '/tmp/x/empty',
      pamServiceName: 'ftp-kit-preview-2121-1',
    });
  });

  test("GIVEN the guest account WHEN a jail is made THEN its root is root-owned and read-only, files/ the guest's own (0700)", () => {
    const guest = ensureGuestAccount(DEFAULT_LAYOUT.guestUser);
    expect(execFileSync('getent', ['passwd', guest.name], { encoding: 'utf8' }).split(':')[5]).toBe('/');
    const layout = rebasedLayout(dir);
    prepareServerTree(layout);
    const files = makeJail(layout, 'alice', guest);
    const root = statSync(join(layout.dataDir, 'jail', 'alice'));
    expect([root.uid, root.mode & 0o777]).toEqual([0, 0o755]);
    const own = statSync(files);
    expect([own.uid, own.gid, own.mode & 0o777]).toEqual([guest.uid, guest.gid, 0o700]);
  });

  test('THEN passwords are random, and their SHA-512 crypt hashes verify and land in a 0600 file', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(password);
    const hash = hashPassword(password);
    expect(
      execFileSync('openssl', ['passwd', '-6', '-salt', hash.split('$')[2], '-stdin'], { input: password, encoding: 'utf8' }).trim(),
    ).toBe(hash);
    const layout = rebasedLayout(dir);
    prepareServerTree(layout);
    writePasswordFile(layout, { alice: hash });
    expect(readFileSync(join(layout.etcDir, 'passwd'), 'utf8')).toBe(`alice:${hash}\n`);
    expect(statSync(join(layout.etcDir, 'passwd')).mode & 0o777).toBe(0o600);
  });

  test('THEN the self-signed certificate names every address, and its key is 0600', () => {
    const layout = rebasedLayout(dir);
    prepareServerTree(layout);
    const cert = makeSelfSignedCertificate(layout, ['203.0.113.10', '10.99.0.2', '203.0.113.10']);
    const san = execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', cert.certFile], { encoding: 'utf8' });
    expect(san).toMatch(/IP Address:203\.0\.113\.10, IP Address:10\.99\.0\.2\s*$/);
    expect(statSync(cert.keyFile).mode & 0o777).toBe(0o600);
    expect(cert.pem).toBe(readFileSync(cert.certFile, 'utf8'));
  });

  test('THEN installPamService never overwrites an existing service', () => {
    const name = `ftp-kit-test-${process.pid}`;
    try {
      expect(installPamService(name, 'first\n')).toBe(pamServiceFile(name));
      expect(installPamService(name, 'second\n')).toBeUndefined();
      expect(readFileSync(pamServiceFile(name), 'utf8')).toBe('first\n');
    } finally {
      rmSync(pamServiceFile(name), { force: true });
    }
  });

  test('fails when the guest account exists with a home other than /, saying how to fix it', () => {
    const name = `fkt${process.pid % 100000}`;
    // useradd fails while another process holds the lock on /etc/passwd: try a few times.
    for (
      let i = 0;
      i < 10 &&
      spawnSync('useradd', ['--system', '--home-dir', '/nonexistent', '--no-create-home', '--shell', '/usr/sbin/nologin', name]).status !==
        0;
      i++
    ) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
    try {
      expect(() => ensureGuestAccount(name)).toThrow(
        `the account ${name} has home /nonexistent; vsftpd 3.0.3 changes into the guest account's home ` +
          `before the jail, so it must be / — run: usermod --home / ${name}`,
      );
    } finally {
      spawnSync('userdel', [name]);
    }
  });
});
