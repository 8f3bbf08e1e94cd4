/* What `ftp-kit preview` needs on this machine, checked up front so the user gets one clear message. */
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { LocalTargetError } from './errors';

export interface Prerequisite {
  /** What is looked for, as the user would say it. */
  readonly what: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
}

export const EXECUTABLES: ReadonlyArray<Prerequisite & { readonly executable: string }> = [
  { what: 'vsftpd', executable: 'vsftpd', debianPackage: 'vsftpd' },
  { what: 'nft (nftables)', executable: 'nft', debianPackage: 'nftables' },
  { what: 'openssl', executable: 'openssl', debianPackage: 'openssl' },
  { what: 'useradd', executable: 'useradd', debianPackage: 'passwd' },
  { what: 'unshare', executable: 'unshare', debianPackage: 'util-linux' },
  { what: 'setpriv', executable: 'setpriv', debianPackage: 'util-linux' },
  { what: 'ip', executable: 'ip', debianPackage: 'iproute2' },
  { what: 'fail2ban-server', executable: 'fail2ban-server', debianPackage: 'fail2ban' },
];

/** Folders that hold system executables, which a non-login root shell may lack on its PATH. */
export const SYSTEM_DIRS: readonly string[] = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

export const PAM_PWDFILE: Prerequisite & { readonly module: string } = {
  what: 'the PAM module pam_pwdfile.so',
  module: 'pam_pwdfile.so',
  debianPackage: 'libpam-pwdfile',
};

/** Where Debian and other distributions keep PAM modules (multiarch folders included). */
export function defaultPamModuleDirs(): string[] {
  const dirs = ['/lib/security', '/lib64/security', '/usr/lib/security', '/usr/lib64/security'];
  for (const lib of ['/lib', '/usr/lib']) {
    try {
      for (const entry of readdirSync(lib)) if (entry.includes('-linux-')) dirs.push(join(lib, entry, 'security'));
    } catch {
      // no such folder
    }
  }
  return dirs;
}

export interface PrerequisiteProps {
  /** @default process.getuid() */
  readonly uid?: number;
  /** Searched for the executables. @default process.env.PATH */
  readonly path?: string;
  /** Where an executable missing from `path` may be installed anyway. @default SYSTEM_DIRS */
  readonly systemDirs?: readonly string[];
  /** Searched for pam_pwdfile.so. @default defaultPamModuleDirs() */
  readonly pamModuleDirs?: readonly string[];
}

/** The executable's path in `path`, or undefined. */
export function findExecutable(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Every reason this machine cannot run a preview, one line each (empty: it can). */
export function previewPrerequisiteProblems(props: PrerequisiteProps = {}): string[] {
  const problems: string[] = [];
  const uid = props.uid ?? process.getuid?.() ?? -1;
  if (uid !== 0) {
    problems.push(
      'it must run as root: it writes a PAM service to /etc/pam.d, loads ' +
        'nftables rules and starts vsftpd, which drops privileges itself — run ' +
        'it with sudo',
    );
  }
  const path = props.path ?? process.env.PATH ?? '';
  const missing: Prerequisite[] = [];
  for (const e of EXECUTABLES) {
    if (findExecutable(e.executable, path)) continue;
    // A PATH without the sbin folders (a non-login root shell) hides what is installed: say so.
    const elsewhere = findExecutable(e.executable, (props.systemDirs ?? SYSTEM_DIRS).join(delimiter));
    if (elsewhere) problems.push(`${e.what} is at ${elsewhere}, which is not on PATH — add ${dirname(elsewhere)} to PATH (sudo -i does)`);
    else missing.push(e);
  }
  const pamDirs = props.pamModuleDirs ?? defaultPamModuleDirs();
  if (!pamDirs.some((dir) => existsSync(join(dir, PAM_PWDFILE.module)))) missing.push(PAM_PWDFILE);
  for (const m of missing) problems.push(`${m.what} is missing — install the Debian package ${m.debianPackage}`);
  if (missing.length > 0) {
    problems.push(
      `on Debian/Ubuntu: apt-get ` +
        `install ${[...new Set(missing.map((m) => m.debianPackage))].join(' ')} ` +
        `(or bash scripts/install-system-deps.sh)`,
    );
  }
  return problems;
}

/** Throws one LocalTargetError listing every problem when this machine cannot run a preview. */
export function checkPreviewPrerequisites(props: PrerequisiteProps = {}): void {
  const problems = previewPrerequisiteProblems(props);
  if (problems.length > 0) throw new LocalTargetError(`preview cannot run here:\n  ${problems.join('\n  ')}`);
}
