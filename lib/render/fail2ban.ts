import { FtpKitConfig } from '../config/schema';
import { renderTemplate } from './template';
import { ServerLayout } from './types';

/** Names fail2ban knows the jail, its filter and its action by (files <name>.conf in filter.d/ and action.d/). */
export const FAIL2BAN_NAMES = { jail: 'ftp-kit', filter: 'ftp-kit-vsftpd', action: 'ftp-kit-nftables' } as const;

/** Never banned, whatever the config says: the server itself. */
export const LOOPBACK_CIDRS = ['127.0.0.0/8', '::1/128'] as const;

/** The nftables table (family inet) fail2ban's bans go into: beside the host firewall's, never inside it. */
export function banTableOf(layout: ServerLayout): string {
  return `${layout.nftTable}_ban`;
}

/** `<etcDir>/fail2ban-ban.nft`: the script fail2ban's actionstart loads. */
export function banTableFileOf(layout: ServerLayout): string {
  return `${layout.etcDir}/fail2ban-ban.nft`;
}

export interface Fail2banFiles {
  /** The jail: jail.d/ftp-kit.conf on EC2, jail.conf of the preview's own server. */
  readonly jail: string;
  /** filter.d/ftp-kit-vsftpd.conf */
  readonly filter: string;
  /** action.d/ftp-kit-nftables.conf */
  readonly action: string;
  /** The `nft -f` script of the ban table, at banTableFileOf(layout). */
  readonly banTable: string;
}

export interface Fail2banProps {
  /** Turn Debian's sshd jail off (EC2: no SSH; its auth.log does not exist on Debian 12). @default false */
  readonly disableSshd?: boolean;
}

/** fail2ban's jail, filter, action and ban table for the config's `ban` thresholds and FTP ports. */
export function renderFail2ban(config: FtpKitConfig, layout: ServerLayout, props: Fail2banProps = {}): Fail2banFiles {
  const view = {
    name: config.name,
    jailName: FAIL2BAN_NAMES.jail,
    filterName: FAIL2BAN_NAMES.filter,
    actionName: FAIL2BAN_NAMES.action,
    logDir: layout.logDir,
    maxRetry: config.ban.maxRetry,
    findTimeSeconds: config.ban.findTimeSeconds,
    banTimeSeconds: config.ban.banTimeSeconds,
    ignoreIp: [...LOOPBACK_CIDRS, ...config.ban.ignoreCidrs].join(' '),
    disableSshd: props.disableSshd ?? false,
    banTable: banTableOf(layout),
    banTableFile: banTableFileOf(layout),
    controlPort: config.controlPort,
    passiveFrom: config.passivePorts.from,
    passiveTo: config.passivePorts.to,
  };
  return {
    jail: renderTemplate('fail2ban/jail.conf.mustache', view),
    filter: renderTemplate('fail2ban/filter.conf.mustache', view),
    action: renderTemplate('fail2ban/action.conf.mustache', view),
    banTable: renderTemplate('fail2ban/ban-table.nft.mustache', view),
  };
}

export interface Fail2banServerPaths {
  readonly logFile: string;
  readonly socket: string;
  readonly pidFile: string;
  readonly dbFile: string;
}

/** fail2ban.conf of a server of its own (the preview's): nothing shared with the machine's fail2ban. */
export function renderFail2banServerConf(paths: Fail2banServerPaths): string {
  return renderTemplate('fail2ban/fail2ban.conf.mustache', paths);
}

/** /etc/fail2ban/fail2ban.d/ftp-kit.conf: fail2ban's own log under logDir (shipped and rotated with vsftpd's). */
export function renderFail2banLogTarget(layout: ServerLayout): string {
  return renderTemplate('fail2ban/fail2ban-local.conf.mustache', layout);
}
