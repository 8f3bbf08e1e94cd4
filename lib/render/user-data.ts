import { stringify } from 'yaml';
import { FtpKitConfig } from '../config/schema';
import { agentConfigPathOf, CLOUDWATCH_AGENT_KEY_FINGERPRINT, renderCloudWatchAgentConfig } from './cloudwatch-agent';
import { banTableFileOf, FAIL2BAN_NAMES, renderFail2ban, renderFail2banLogTarget } from './fail2ban';
import { renderFirewall } from './firewall';
import { resolveLayout } from './layout';
import { renderPamService } from './pam';
import { renderSystemdDropIn } from './systemd';
import { renderTemplate } from './template';
import { CERT_SCRIPT_PATH, opensslConfPath, renderCertScript, renderCertUnits, renderOpensslConf } from './tls';
import { ServerLayout } from './types';
import { renderUserConfigs } from './users';
import { REBOOT_UNIT, renderLogrotate, renderLogrotateTimerDropIn, renderUpdates } from './updates';
import { renderVsftpdConf } from './vsftpd-conf';

/**
 * EC2 rejects user-data over 16 KB. The construct sends it gzipped (Terraform's base64gzip), so the
 * limit applies to the gzipped bytes; cloud-init unpacks it.
 */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

export interface UserDataProps {
  /** The Elastic IP: pasv_address and the certificate's name (a Terraform token at synth time). */
  readonly publicAddress: string;
  /** The data volume's id, to find its NVMe device (a token at synth time). */
  readonly dataVolumeId: string;
  /** Each user's Secrets Manager secret ARN (tokens at synth time). */
  readonly secretArns: Readonly<Record<string, string>>;
  /** Region of the secrets. @default config.region */
  readonly region?: string;
  /** Paths on the server. @default DEFAULT_LAYOUT */
  readonly layout?: Partial<ServerLayout>;
}

/** A token or value that goes between single quotes in the bootstrap script: no quote, no line break. */
function shellWord(key: string, value: string): string {
  if (!/^[A-Za-z0-9${}\[\]._:/@+=,-]*$/.test(value)) {
    throw new Error(`user-data ${key}: ${JSON.stringify(value)} — contains characters unsafe in a shell script`);
  }
  return value;
}

/** The first-boot script run by cloud-init: packages, data volume, jails, certificate, passwords. */
export function renderBootstrapScript(config: FtpKitConfig, props: UserDataProps): string {
  const layout = resolveLayout(props.layout);
  const users = config.users.map((user) => {
    const arn = props.secretArns[user.name];
    if (!arn) throw new Error(`user-data: no secret ARN for user ${user.name}`);
    return { name: user.name, access: user.write ? 'rw' : 'ro', secretArn: shellWord(`secretArns.${user.name}`, arn) };
  });
  return renderTemplate('bootstrap.sh.mustache', {
    ...layout,
    name: config.name,
    publicAddress: shellWord('publicAddress', props.publicAddress),
    dataVolumeId: shellWord('dataVolumeId', props.dataVolumeId),
    region: shellWord('region', props.region ?? config.region),
    debArch: config.instance.arch === 'arm64' ? 'arm64' : 'amd64',
    controlPort: config.controlPort,
    agentConfig: agentConfigPathOf(layout),
    agentKeyFingerprint: CLOUDWATCH_AGENT_KEY_FINGERPRINT,
    rebootUnit: REBOOT_UNIT,
    // lego is Debian's ACME client; the other modes need nothing beyond openssl and awscli.
    extraPackages: config.tls.mode === 'lets-encrypt' ? 'lego' : '',
    users,
  });
}

/** Operations (issue 14): fail2ban, logrotate, updates and the CloudWatch agent's config, as absolute path → content. */
export function renderOperationsFiles(config: FtpKitConfig, layout: ServerLayout = resolveLayout()): Record<string, string> {
  const fail2ban = renderFail2ban(config, layout, { disableSshd: true });
  const updates = renderUpdates(config);
  const files: Array<[string, string]> = [
    [`/etc/fail2ban/jail.d/${FAIL2BAN_NAMES.jail}.conf`, fail2ban.jail],
    [`/etc/fail2ban/filter.d/${FAIL2BAN_NAMES.filter}.conf`, fail2ban.filter],
    [`/etc/fail2ban/action.d/${FAIL2BAN_NAMES.action}.conf`, fail2ban.action],
    ['/etc/fail2ban/fail2ban.d/ftp-kit.conf', renderFail2banLogTarget(layout)],
    [banTableFileOf(layout), fail2ban.banTable],
    ['/etc/logrotate.d/ftp-kit', renderLogrotate(config, layout, { cloudInit: true })],
    ['/etc/systemd/system/logrotate.timer.d/ftp-kit.conf', renderLogrotateTimerDropIn()],
    ['/etc/apt/apt.conf.d/52ftp-kit-unattended-upgrades', updates.unattendedUpgrades],
    ['/etc/needrestart/conf.d/ftp-kit.conf', updates.needrestart],
    [`/etc/systemd/system/${REBOOT_UNIT}.service`, updates.rebootService],
    [`/etc/systemd/system/${REBOOT_UNIT}.timer`, updates.rebootTimer],
    [agentConfigPathOf(layout), renderCloudWatchAgentConfig(config, layout)],
  ];
  return Object.fromEntries(files);
}

/**
 * The cloud-init user-data: every server file as write_files, and the bootstrap script as the
 * one runcmd. Passwords are not in it: they are generated on the instance.
 */
export function renderUserData(config: FtpKitConfig, props: UserDataProps): string {
  const layout = resolveLayout(props.layout);
  const certUnits = renderCertUnits(config, layout);
  const file = (path: string, content: string, permissions = '0644') => ({ path, owner: 'root:root', permissions, content });
  const writeFiles = [
    file(`${layout.etcDir}/vsftpd.conf`, renderVsftpdConf(config, { layout, publicAddress: props.publicAddress })),
    file(`/etc/pam.d/${layout.pamServiceName}`, renderPamService(layout)),
    file(`${layout.etcDir}/firewall.nft`, renderFirewall(config, layout)),
    ...Object.entries(renderUserConfigs(config)).map(([name, text]) => file(`${layout.etcDir}/users/${name}`, text)),
    file('/etc/systemd/system/vsftpd.service.d/ftp-kit.conf', renderSystemdDropIn(layout)),
    ...Object.entries(renderOperationsFiles(config, layout)).map(([path, content]) => file(path, content)),
    file(opensslConfPath(layout), renderOpensslConf(config)),
    file(CERT_SCRIPT_PATH, renderCertScript(config, { layout, publicAddress: props.publicAddress, region: props.region }), '0700'),
    file('/etc/systemd/system/ftp-kit-cert.service', certUnits.service),
    file('/etc/systemd/system/ftp-kit-cert.timer', certUnits.timer),
    file('/usr/local/sbin/ftp-kit-bootstrap', renderBootstrapScript(config, props), '0700'),
  ];
  const cloudConfig = {
    // Debian's image has no swap and a small root; keep cloud-init's own apt work out of the way.
    package_update: false,
    write_files: writeFiles,
    // First boot only: afterwards systemd starts vsftpd and nftables and fstab mounts the volume.
    runcmd: [['/usr/local/sbin/ftp-kit-bootstrap']],
  };
  // lineWidth 0: never fold a line, so a Terraform token stays in one piece.
  const text = `#cloud-config\n${stringify(cloudConfig, { lineWidth: 0 })}`;
  remember(text, writeFiles);
  return text;
}

/** One entry of cloud-config's write_files. */
export interface WriteFile {
  readonly path: string;
  readonly owner: string;
  readonly permissions: string;
  readonly content: string;
}

/** How many texts renderedWriteFiles answers for: a synth renders one per server. */
const RECENT_LIMIT = 8;
const recentlyRendered = new Map<string, readonly WriteFile[]>();

function remember(text: string, files: readonly WriteFile[]): void {
  recentlyRendered.delete(text);
  recentlyRendered.set(text, Object.freeze(files.map((f) => Object.freeze({ ...f }))));
  for (const oldest of recentlyRendered.keys()) {
    if (recentlyRendered.size <= RECENT_LIMIT) break;
    recentlyRendered.delete(oldest);
  }
}

/**
 * The write_files of a text renderUserData returned lately, as it rendered them; undefined for any
 * other text. The server record (server-record.ts) reads them here instead of parsing the YAML back
 * (~13 ms of a cold synth). Keyed by the whole text, so it answers only for that very text, and
 * the YAML of what it rendered parses back to the same files (test/render/user-data.test.ts).
 */
export function renderedWriteFiles(text: string): readonly WriteFile[] | undefined {
  return recentlyRendered.get(text);
}
