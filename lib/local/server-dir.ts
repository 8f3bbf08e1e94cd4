/*
 * One server's files on this machine, rebased under a folder: the tree vsftpd insists on (root-owned,
 * not writable by the guest), jails, the password file, a self-signed certificate, the PAM service.
 * Shared by `ftp-kit preview` and the bench, so both run the server exactly as rendered.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUEST_USER_HOME, resolveLayout, ServerLayout } from '../render';
import { LocalTargetError } from './errors';
import { makeSelfSigned } from './self-signed';

export interface GuestAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** The layout of a server whose paths all lie under `dir` (etc/, data/, log/, empty/). */
export function rebasedLayout(dir: string, names: Partial<ServerLayout> = {}): ServerLayout {
  return resolveLayout({
    etcDir: join(dir, 'etc'),
    dataDir: join(dir, 'data'),
    logDir: join(dir, 'log'),
    secureChrootDir: join(dir, 'empty'),
    ...names,
  });
}

function lookupAccount(name: string): { uid: number; gid: number; home: string } | undefined {
  try {
    const [, , uid, gid, , home] = execFileSync('getent', ['passwd', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split(':');
    return { uid: Number(uid), gid: Number(gid), home };
  } catch {
    return undefined; // getent exits 2 when the account does not exist
  }
}

/**
 * The local account every virtual user acts as: found, or created as a nologin system account with
 * home `/` (see ServerLayout.guestUser). It is kept afterwards, like a package's system account:
 * another server on this machine may be using it.
 */
export function ensureGuestAccount(name: string): GuestAccount {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = lookupAccount(name);
    if (found) {
      if (found.home !== GUEST_USER_HOME) {
        throw new LocalTargetError(
          `the account ${name} has home ${found.home}; vsftpd 3.0.3 changes ` +
            `into the guest account's home before the jail, so it must ` +
            `be ${GUEST_USER_HOME} — run: usermod ` +
            `--home ${GUEST_USER_HOME} ${name}`,
        );
      }
      return { name, uid: found.uid, gid: found.gid };
    }
    try {
      execFileSync(
        'useradd',
        ['--system', '--user-group', '--home-dir', GUEST_USER_HOME, '--no-create-home', '--shell', '/usr/sbin/nologin', name],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch {
      // Another process created it (exit 9) or holds the lock on /etc/passwd (exit 10): look again shortly.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * (attempt + 1));
    }
  }
  throw new LocalTargetError(
    `could not create the system account ${name} — create it: useradd ` +
      `--system --user-group --home-dir ${GUEST_USER_HOME} --shell ` +
      `/usr/sbin/nologin ${name}`,
  );
}

function makeDir(dir: string, mode: number, owner?: GuestAccount): void {
  mkdirSync(dir, { recursive: true });
  chownSync(dir, owner?.uid ?? 0, owner?.gid ?? 0);
  chmodSync(dir, mode);
}

/**
 * The folders vsftpd needs: root-owned and not writable by the guest (vsftpd refuses a writable
 * chroot), readable where the guest account must pass after it drops privileges.
 */
export function prepareServerTree(layout: ServerLayout): void {
  for (const dir of [
    layout.etcDir,
    join(layout.etcDir, 'users'),
    join(layout.etcDir, 'tls'),
    layout.logDir,
    layout.secureChrootDir,
    layout.dataDir,
    join(layout.dataDir, 'jail'),
  ]) {
    makeDir(dir, 0o755);
  }
}

/** `<dataDir>/jail/<user>`: a root-owned, read-only root holding `files/`, the only place the guest may write. Returns files/. */
export function makeJail(layout: ServerLayout, user: string, guest: GuestAccount): string {
  const jail = join(layout.dataDir, 'jail', user);
  makeDir(jail, 0o755);
  makeDir(join(jail, 'files'), 0o700, guest);
  return join(jail, 'files');
}

/** A password for a virtual user: 24 characters of [A-Za-z0-9_-] (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** SHA-512 crypt, as pam_pwdfile reads it. The password goes through stdin, never argv (visible in ps). */
export function hashPassword(password: string): string {
  return execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' }).trim();
}

/** `<etcDir>/passwd` (0600): one `user:hash` line per user. */
export function writePasswordFile(layout: ServerLayout, hashes: Readonly<Record<string, string>>): void {
  const file = join(layout.etcDir, 'passwd');
  rmSync(file, { force: true });
  writeFileSync(
    file,
    Object.entries(hashes)
      .map(([user, hash]) => `${user}:${hash}\n`)
      .join(''),
    { mode: 0o600 },
  );
}

/** `<etcDir>/users/<name>`: vsftpd's per-user settings as rendered. */
export function writeUserConfigs(layout: ServerLayout, userConfigs: Readonly<Record<string, string>>): void {
  for (const [user, text] of Object.entries(userConfigs)) writeFileSync(join(layout.etcDir, 'users', user), text, { mode: 0o644 });
}

export interface Certificate {
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate, PEM: what clients pin instead of turning verification off. */
  readonly pem: string;
}

/**
 * `<etcDir>/tls/{cert,key}.pem`: a self-signed P-256 certificate naming `addresses` (IP SANs; the
 * first is the CN), as the EC2 bootstrap makes one for the Elastic IP.
 */
export function makeSelfSignedCertificate(layout: ServerLayout, addresses: readonly string[], days = 30): Certificate {
  const dir = join(layout.etcDir, 'tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const unique = [...new Set(addresses)];
  rmSync(keyFile, { force: true });
  makeSelfSigned({ certFile, keyFile, commonName: unique[0], altNames: unique.map((a) => `IP:${a}`), days });
  chmodSync(keyFile, 0o600);
  chmodSync(certFile, 0o644);
  return { certFile, keyFile, pem: readFileSync(certFile, 'utf8') };
}

/** Where PAM reads service `name`: PAM reads nowhere else. */
export function pamServiceFile(name: string): string {
  return `/etc/pam.d/${name}`;
}

/**
 * Writes /etc/pam.d/<name>, never over an existing file (another server's service); returns the path.
 * Returns undefined when the name is taken, so the caller can pick another.
 */
export function installPamService(name: string, text: string): string | undefined {
  const file = pamServiceFile(name);
  try {
    writeFileSync(file, text, { mode: 0o644, flag: 'wx' });
    return file;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
}
