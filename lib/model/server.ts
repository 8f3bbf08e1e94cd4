import { PASV_ADDRESS_MARK, SERVER_RECORD_KIND } from '../render/server-record';
import { parseVsftpdConf } from '../render/vsftpd-conf';
import { block, soleReference } from './expressions';
import { IngressPath, instanceSecurityGroups } from './network';
import { ModelResource, TfModel } from './types';

/** vsftpd 3.0.3's built-in values of the settings the rules read (vsftpd.conf(5)): what an absent line means. */
export const VSFTPD_DEFAULTS: Readonly<Record<string, string>> = {
  listen_port: '21',
  anonymous_enable: 'YES',
  local_enable: 'NO',
  write_enable: 'NO',
  chroot_local_user: 'NO',
  allow_writeable_chroot: 'NO',
  ssl_enable: 'NO',
  implicit_ssl: 'NO',
  force_local_logins_ssl: 'YES',
  force_local_data_ssl: 'YES',
  allow_anon_ssl: 'NO',
  require_ssl_reuse: 'YES',
  ssl_sslv2: 'NO',
  ssl_sslv3: 'NO',
  pasv_enable: 'YES',
  pasv_min_port: '0',
  pasv_max_port: '0',
  port_enable: 'YES',
};

/** vsftpd's boolean reading: YES/TRUE/1, any case. */
export function isYes(value: string | undefined): boolean {
  return /^(yes|true|1)$/i.test((value ?? '').trim());
}

/** An Elastic IP associated with an instance, and how. */
export interface ElasticIpLink {
  /** `aws_eip.<name>`. */
  readonly eip: string;
  /** The aws_eip_association that links it, when one does (else the EIP's own `instance`). */
  readonly association?: string;
}

/** An FTP server of the configuration: an instance and the vsftpd settings recorded for it. */
export interface FtpServerView {
  /** The terraform_data that records the settings (see lib/render/server-record.ts). */
  readonly record: ModelResource;
  /** Address of the instance the record describes. */
  readonly instanceAddress: string;
  /** That instance, when it is in the configuration. */
  readonly instance?: ModelResource;
  /** vsftpd.conf as key → value (pasv_address as written: an address or a `${...}` reference); undefined when unreadable. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Per-user files (user_config_dir): user → key → value. */
  readonly userSettings: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The security groups of the instance (addresses or ids). */
  readonly securityGroups: readonly string[];
  /** The Elastic IPs associated with the instance. */
  readonly elasticIps: readonly ElasticIpLink[];
}

/** A setting's effective value: the file's, else vsftpd's default. */
export function setting(settings: Readonly<Record<string, string>>, key: string): string | undefined {
  return settings[key] ?? VSFTPD_DEFAULTS[key];
}

/** The control port (listen_port). */
export function controlPortOf(server: FtpServerView): number | undefined {
  if (!server.settings) return undefined;
  const port = Number(setting(server.settings, 'listen_port'));
  return Number.isInteger(port) ? port : undefined;
}

/** The passive range (pasv_min_port–pasv_max_port); undefined when passive mode is off or the range is vsftpd's "any port". */
export function passiveRangeOf(server: FtpServerView): { from: number; to: number } | undefined {
  if (!server.settings || !isYes(setting(server.settings, 'pasv_enable'))) return undefined;
  const from = Number(setting(server.settings, 'pasv_min_port'));
  const to = Number(setting(server.settings, 'pasv_max_port'));
  if (!Number.isInteger(from) || !Number.isInteger(to) || from <= 0 || to <= 0) return undefined;
  return { from, to };
}

/** The Elastic IPs associated with an instance: through aws_eip_association, or the EIP's own `instance`. */
export function elasticIpsOf(model: TfModel, instanceAddress: string): ElasticIpLink[] {
  const links: ElasticIpLink[] = [];
  for (const assoc of model.ofType('aws_eip_association')) {
    if (soleReference(assoc.expressions.instance_id)?.address !== instanceAddress) continue;
    const eip = soleReference(assoc.expressions.allocation_id)?.address ?? soleReference(assoc.expressions.public_ip)?.address;
    if (eip?.startsWith('aws_eip.')) links.push({ eip, association: assoc.address });
  }
  for (const eip of model.ofType('aws_eip')) {
    if (soleReference(eip.expressions.instance)?.address === instanceAddress) links.push({ eip: eip.address });
  }
  return links;
}

/** Every FTP server the configuration records (one per FtpInstance with a vsftpd.conf in its user-data). */
export function ftpServers(model: TfModel): FtpServerView[] {
  const servers: FtpServerView[] = [];
  for (const record of model.ofType('terraform_data')) {
    const input = block(record.values.input);
    const written = block(record.expressions.input);
    if ((input.kind ?? written.kind) !== SERVER_RECORD_KIND) continue;
    const instanceAddress = String(input.instance ?? written.instance ?? '');
    const instance = model.get(instanceAddress);
    const pasvAddress =
      typeof input.pasv_address === 'string' ? input.pasv_address : typeof written.pasv_address === 'string' ? written.pasv_address : '';
    let settings: Record<string, string> | undefined;
    if (typeof input.vsftpd_conf === 'string') {
      settings = parseVsftpdConf(input.vsftpd_conf);
      if (settings.pasv_address === PASV_ADDRESS_MARK) {
        if (pasvAddress) settings.pasv_address = pasvAddress;
        else delete settings.pasv_address;
      }
    }
    const userSettings: Record<string, Record<string, string>> = {};
    for (const [user, text] of Object.entries(block(input.user_configs))) {
      if (typeof text === 'string') userSettings[user] = parseVsftpdConf(text);
    }
    servers.push({
      record,
      instanceAddress,
      instance,
      settings,
      userSettings,
      securityGroups: instance ? instanceSecurityGroups(model, instance) : [],
      elasticIps: elasticIpsOf(model, instanceAddress),
    });
  }
  return servers;
}

/**
 * The global settings, then each user's file merged over them: what each login really gets. With
 * `keys`, a user appears only when their own file sets one of them: otherwise they just repeat
 * the global settings, whose problems are reported once.
 */
export function effectiveSettings(
  server: FtpServerView,
  keys?: readonly string[],
): Array<{ user?: string; settings: Readonly<Record<string, string>> }> {
  if (!server.settings) return [];
  return [
    { settings: server.settings },
    ...Object.entries(server.userSettings)
      .filter(([, own]) => !keys || keys.some((k) => k in own))
      .map(([user, own]) => ({ user, settings: { ...server.settings, ...own } })),
  ];
}

/** `vsftpd on <instance>` or `vsftpd on <instance> (per-user file of <user>)`: who a settings finding is about. */
export function settingsSubject(server: FtpServerView, user?: string): string {
  return `vsftpd on ${server.instanceAddress}${user !== undefined ? ` (per-user file of ${user})` : ''}`;
}

/** The ingress paths through the server's security groups. */
export function serverIngress(server: FtpServerView, paths: readonly IngressPath[]): IngressPath[] {
  const groups = new Set(server.securityGroups);
  return paths.filter((p) => groups.has(p.securityGroup));
}
