/*
 * The certificate's life on the server: the script that obtains, renews or fetches it and installs it
 * without dropping sessions, its systemd timer, and vsftpd's own OpenSSL config (the TLS version cap).
 * Pure: the same script runs on EC2 (Route 53, Secrets Manager, systemd) and in the preview (pebble's
 * challtestsrv, local PEM files, the preview restarts its listener); only those inputs differ.
 */
import { FtpKitConfig } from '../config/schema';
import { renderTemplate } from './template';
import { ServerLayout } from './types';

/** Let's Encrypt's production directory. */
export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';
/** CloudWatch namespace of the DaysToExpiry metric. */
export const METRIC_NAMESPACE = 'FtpKit';
/** Where the cert script lives on the server. */
export const CERT_SCRIPT_PATH = '/usr/local/sbin/ftp-kit-cert';

/** The SSM parameter the self-signed certificate's SHA-256 fingerprint is published to. */
export function fingerprintParameterName(name: string): string {
  return `/ftp-kit/${name}/certificate-sha256`;
}

/** The OpenSSL `MaxProtocol` value of a `tls.maxVersion`. */
export function maxProtocol(maxVersion: '1.2' | '1.3'): string {
  return maxVersion === '1.3' ? 'TLSv1.3' : 'TLSv1.2';
}

/** `<etcDir>/openssl.cnf`: read by vsftpd only (OPENSSL_CONF), so nothing else on the host changes. */
export function renderOpensslConf(config: FtpKitConfig): string {
  return renderTemplate('openssl-vsftpd.cnf.mustache', { maxProtocol: maxProtocol(config.tls.maxVersion) });
}

/** Where the OpenSSL config lives for a layout. */
export function opensslConfPath(layout: ServerLayout): string {
  return `${layout.etcDir}/openssl.cnf`;
}

/** How the Let's Encrypt client reaches DNS: Route 53 on EC2; a hook (pebble-challtestsrv) in the preview. */
export type AcmeDns =
  { readonly provider: 'route53' } | { readonly provider: 'exec'; readonly hookPath: string; readonly resolver: string };

export interface CertScriptProps {
  readonly layout: ServerLayout;
  /** The Elastic IP (a Terraform token at synth time): the self-signed certificate's name. */
  readonly publicAddress: string;
  /** Region of the metric and parameter. @default config.region */
  readonly region?: string;
  /** ACME directory URL. @default LETS_ENCRYPT_DIRECTORY */
  readonly acmeServer?: string;
  /** @default Route 53 */
  readonly acmeDns?: AcmeDns;
  /** imported mode: read these local PEM files instead of the Secrets Manager secret (the preview). */
  readonly importedFiles?: { readonly certFile: string; readonly keyFile: string };
  /** Restart vsftpd's listener through systemd after a new pair, and publish the metric/fingerprint to AWS. @default true */
  readonly onEc2?: boolean;
}

/** Route 53 is global, served from one region per partition. */
function route53Region(region: string): string {
  if (region.startsWith('cn-')) return 'cn-northwest-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

/** One word between single quotes in the script: no quote, no line break, no expansion. */
function word(key: string, value: string): string {
  if (!/^[A-Za-z0-9${}\[\]._:/@+=,%~-]*$/.test(value)) {
    throw new Error(`ftp-kit-cert ${key}: ${JSON.stringify(value)} — contains characters unsafe in a shell script`);
  }
  return value;
}

/** The script that keeps the certificate current (see templates/ftp-kit-cert.sh.mustache). */
export function renderCertScript(config: FtpKitConfig, props: CertScriptProps): string {
  const { tls } = config;
  const onEc2 = props.onEc2 ?? true;
  const dns = props.acmeDns ?? { provider: 'route53' };
  const region = word('region', props.region ?? config.region);
  return renderTemplate('ftp-kit-cert.sh.mustache', {
    name: config.name,
    mode: tls.mode,
    tlsDir: word('tlsDir', `${props.layout.etcDir}/tls`),
    publicAddress: word('publicAddress', props.publicAddress),
    selfSigned: tls.mode === 'self-signed',
    letsEncrypt: tls.mode === 'lets-encrypt' && {
      domain: word('domain', tls.domain),
      email: word('email', tls.email),
      acmeServer: word('acmeServer', props.acmeServer ?? LETS_ENCRYPT_DIRECTORY),
      dnsProvider: dns.provider,
      dnsProviderNote:
        dns.provider === 'route53'
          ? 'Route 53 changes only the zone the role names.'
          : 'The preview: TXT records go to pebble-challtestsrv.',
      route53: dns.provider === 'route53' && { hostedZoneId: word('hostedZoneId', tls.hostedZoneId), route53Region: route53Region(region) },
      execHook: dns.provider === 'exec' ? word('hookPath', dns.hookPath) : undefined,
      dnsResolver: dns.provider === 'exec' ? word('resolver', dns.resolver) : undefined,
    },
    imported: tls.mode === 'imported' && {
      secretArn: props.importedFiles ? undefined : word('secretArn', tls.secretArn),
      certFile: props.importedFiles ? word('certFile', props.importedFiles.certFile) : undefined,
      keyFile: props.importedFiles ? word('keyFile', props.importedFiles.keyFile) : undefined,
    },
    publish: onEc2 && { region, fingerprintParameter: fingerprintParameterName(config.name), metricNamespace: METRIC_NAMESPACE },
    reloadSystemd: onEc2,
  });
}

/** The DNS hook lego's `exec` provider calls in the preview: sets the TXT record in pebble-challtestsrv. */
export function renderAcmeDnsHook(challtestsrvUrl: string): string {
  return renderTemplate('acme-dns-hook.sh.mustache', { challtestsrvUrl: word('challtestsrvUrl', challtestsrvUrl) });
}

/** ftp-kit-cert.service and ftp-kit-cert.timer. */
export function renderCertUnits(config: FtpKitConfig, layout: ServerLayout): { service: string; timer: string } {
  const view = { mode: config.tls.mode, dataDir: layout.dataDir };
  return { service: renderTemplate('ftp-kit-cert.service.mustache', view), timer: renderTemplate('ftp-kit-cert.timer.mustache', view) };
}
