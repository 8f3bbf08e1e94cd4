import { FtpKitConfig } from '../config/schema';
import { ServerLayout } from './types';
import { renderTemplate } from './template';

/**
 * TLS 1.2 suites with forward secrecy and AEAD only. vsftpd 3.0.3 has no option to set the minimum
 * protocol version; TLS 1.0/1.1 offer no AEAD suite, so this list is what shuts them out.
 * TLS 1.3 suites are AEAD by definition and are not affected by this list.
 */
export const SSL_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export interface VsftpdConfProps {
  readonly layout: ServerLayout;
  /** pasv_address: the address clients reach. */
  readonly publicAddress: string;
  /** listen_address. @default every IPv4 address (every address, dual-stack, when `allow` has IPv6) */
  readonly listenAddress?: string;
}

/** A value placed on a `key=value` line: one line, printable, so it can never add a directive. */
export function directiveValue(key: string, value: string | number): string {
  const text = String(value);
  if (!/^[\x20-\x7e]*$/.test(text)) {
    throw new Error(
      `vsftpd.conf ${key}: ${JSON.stringify(text)} — contains a line break or a non-printable character — pass one line of printable ASCII`,
    );
  }
  return text;
}

export function renderVsftpdConf(config: FtpKitConfig, props: VsftpdConfProps): string {
  const hasIpv6 = config.allow.some((entry) => entry.cidr.includes(':'));
  const { limits } = config;
  return renderTemplate('vsftpd.conf.mustache', {
    name: config.name,
    listenIpv6: !props.listenAddress && hasIpv6,
    listenAddress: props.listenAddress ? directiveValue('listen_address', props.listenAddress) : undefined,
    controlPort: config.controlPort,
    banner: directiveValue('ftpd_banner', config.banner),
    guestUser: props.layout.guestUser,
    pamServiceName: props.layout.pamServiceName,
    etcDir: props.layout.etcDir,
    dataDir: props.layout.dataDir,
    logDir: props.layout.logDir,
    secureChrootDir: props.layout.secureChrootDir,
    publicAddress: directiveValue('pasv_address', props.publicAddress),
    passiveFrom: config.passivePorts.from,
    passiveTo: config.passivePorts.to,
    maxClients: limits.maxClients,
    maxPerIp: limits.maxPerIp,
    maxLoginFails: limits.maxLoginFails,
    failedLoginDelaySeconds: limits.failedLoginDelaySeconds,
    idleSessionTimeoutSeconds: limits.idleSessionTimeoutSeconds,
    dataConnectionTimeoutSeconds: limits.dataConnectionTimeoutSeconds,
    sslCiphers: SSL_CIPHERS,
    requireSslReuse: config.tls.sessionReuse === 'optional' ? 'NO' : 'YES',
  });
}

/** Parses `key=value` lines (comments and blanks skipped): what a reviewer or a check reads back. */
export function parseVsftpdConf(text: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) settings[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return settings;
}
