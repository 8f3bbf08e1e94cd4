import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { packageRoot } from '../package-root';
import { resolveLayout } from './layout';
import { renderPamService } from './pam';
import { ServerLayout } from './types';
import { renderUserConfigs } from './users';
import { renderVsftpdConf } from './vsftpd-conf';

/**
 * The image carries the files this renderer made when it was built (one renderer for every
 * target, and no node or templates in the image); its entrypoint only puts in what is known at run
 * time. This placeholder stands for pasv_address until then.
 */
export const PASV_ADDRESS_PLACEHOLDER = 'FTPKIT_PASV_ADDRESS';

/**
 * Paths inside the image. The root file system is read-only; /run/ftp-kit (vsftpd.conf with the
 * address, passwd, TLS: /etc/ftp-kit/passwd and tls link there) and /srv/ftp-kit (EFS) are volumes.
 * Logs are links to /dev/stdout, so the container's log is vsftpd's.
 */
export const CONTAINER_LAYOUT: ServerLayout = resolveLayout({ secureChrootDir: '/usr/share/ftp-kit/empty' });

/** Names of the environment variables the entrypoint reads (see templates/container/entrypoint.sh). */
export const CONTAINER_ENV = {
  pasvAddress: 'FTPKIT_PASV_ADDRESS',
  /** `FTPKIT_PASSWORD_<n>`: the n-th user (1-based, config order) — env names cannot hold every user name. */
  password: (index: number) => `FTPKIT_PASSWORD_${index + 1}`,
  tlsCert: 'FTPKIT_TLS_CERT',
  tlsKey: 'FTPKIT_TLS_KEY',
  targetGroups: 'FTPKIT_TARGET_GROUPS',
  region: 'FTPKIT_REGION',
} as const;

/** The files of templates/container/ copied as they are. */
export const CONTAINER_TEMPLATE_FILES = ['Containerfile', 'entrypoint.sh', 'targets.sh', 'health.sh'] as const;

export interface ContainerContext {
  /** Relative path → content: the build context `ftp-kit image build` writes and builds. */
  readonly files: Readonly<Record<string, string>>;
  /** Files that must be executable. */
  readonly executables: readonly string[];
  /** Content hash of every file: the image tag, so a tag always names the same image (ECR tags are immutable). */
  readonly tag: string;
}

/** The image's build context for one config. Pure but for reading templates. */
export function renderContainerContext(config: FtpKitConfig): ContainerContext {
  const layout = CONTAINER_LAYOUT;
  const etc = `rendered${layout.etcDir}`;
  const files: Record<string, string> = {
    // IPv4 only: the load balancer in front is IPv4, and a task may have no IPv6 to bind.
    [`${etc}/vsftpd.conf.in`]: renderVsftpdConf(config, { layout, publicAddress: PASV_ADDRESS_PLACEHOLDER, listenAddress: '0.0.0.0' }),
    [`${etc}/users.list`]: config.users.map((u) => `${u.name}\n`).join(''),
    [`rendered/etc/pam.d/${layout.pamServiceName}`]: renderPamService(layout),
  };
  for (const [user, text] of Object.entries(renderUserConfigs(config))) files[`${etc}/users/${user}`] = text;
  for (const name of CONTAINER_TEMPLATE_FILES) {
    files[name] = readFileSync(path.join(packageRoot(), 'templates', 'container', name), 'utf8');
  }
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  return { files, executables: CONTAINER_TEMPLATE_FILES.filter((f) => f.endsWith('.sh')), tag: `cfg-${hash.digest('hex').slice(0, 16)}` };
}

/** The base image the Containerfile is built FROM (pinned by version tag). */
export function containerBaseImage(): string {
  const text = readFileSync(path.join(packageRoot(), 'templates', 'container', 'Containerfile'), 'utf8');
  const match = /^FROM\s+(\S+)/m.exec(text);
  if (!match) throw new Error('templates/container/Containerfile has no FROM line');
  return match[1];
}

/**
 * The capabilities a container runtime grants by default (Docker's, Fargate's): Fargate can add
 * none but SYS_PTRACE, so the task drops every one of these that vsftpd does not need.
 */
export const DEFAULT_CONTAINER_CAPABILITIES = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
] as const;

/**
 * What the server needs, found by running the image with each left out (test/integration/container):
 * SETUID/SETGID (sessions switch to the guest account), SYS_CHROOT (the jail), CHOWN (the entrypoint
 * hands files/ to the guest); NET_BIND_SERVICE only for a control port below 1024.
 */
export function containerCapabilities(config: FtpKitConfig): string[] {
  return ['CHOWN', 'SETGID', 'SETUID', 'SYS_CHROOT', ...(config.controlPort < 1024 ? ['NET_BIND_SERVICE'] : [])];
}
