/*
 * The preview's certificate, kept by the same rendered ftp-kit-cert script the EC2 server runs: only its
 * inputs differ (pebble instead of Let's Encrypt and challtestsrv instead of Route 53; local PEM files
 * instead of Secrets Manager), and the preview restarts its own listener instead of systemd.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { opensslConfPath, renderAcmeDnsHook, renderCertScript, renderOpensslConf, ServerLayout } from '../render';
import { LocalAcmeServer, startLocalAcmeServer } from './acme-server';
import { LocalTargetError } from './errors';
import { Certificate, makeSelfSignedCertificate } from './server-dir';

export interface PreviewCertificateProps {
  readonly config: FtpKitConfig;
  readonly layout: ServerLayout;
  /** The preview's folder: the local ACME server's files go under it. */
  readonly dir: string;
  /** The address clients reach, then the listen address: the self-signed certificate's names. */
  readonly addresses: readonly string[];
  /** tls.mode imported: the PEM certificate (with its chain) and key to serve; read again on each renewal. */
  readonly importedFiles?: { readonly certFile: string; readonly keyFile: string };
}

export interface PreviewCertificate {
  /** `<etcDir>/openssl.cnf`: vsftpd's OPENSSL_CONF (the TLS version cap). */
  readonly opensslConf: string;
  /** The rendered ftp-kit-cert script. */
  readonly script: string;
  /** lets-encrypt: the local ACME server's root certificate, which clients trust instead of Let's Encrypt's. */
  readonly acmeRootPem?: string;
  /** The served pair, read now. */
  current(): Certificate;
  /**
   * Runs the script: renews when the certificate expires within `renewDays` (lego and self-signed), or
   * picks up changed files (imported). True when a new pair was installed.
   */
  renew(renewDays?: number): Promise<boolean>;
  /** Stops the local ACME server, if any. */
  stop(): void;
}

/** Runs the script without blocking the preview (lego takes seconds); true when it installed a new pair. */
function runScript(script: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve, reject) => {
    execFile('bash', [script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120000 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout.split('\n').includes('changed'));
      const said = stderr.trim().split('\n').slice(-8).join('\n    ');
      reject(new LocalTargetError(`the certificate script ${script} failed:\n    ${said || err.message}`));
    });
  });
}

/** Writes vsftpd's OpenSSL config and the certificate script, and makes the first certificate. */
export async function preparePreviewCertificate(props: PreviewCertificateProps): Promise<PreviewCertificate> {
  const { config, layout } = props;
  const tlsDir = join(layout.etcDir, 'tls');
  mkdirSync(tlsDir, { recursive: true, mode: 0o755 });
  const opensslConf = opensslConfPath(layout);
  writeFileSync(opensslConf, renderOpensslConf(config), { mode: 0o644 });
  const script = join(layout.etcDir, 'ftp-kit-cert');
  const base = { layout, publicAddress: props.addresses[0], onEc2: false };
  let acme: LocalAcmeServer | undefined;
  let env: NodeJS.ProcessEnv = {};
  if (config.tls.mode === 'imported') {
    if (!props.importedFiles)
      throw new LocalTargetError('tls.mode imported: the preview needs the PEM files — pass --cert-file FILE --key-file FILE');
    writeFileSync(script, renderCertScript(config, { ...base, importedFiles: props.importedFiles }), { mode: 0o700 });
  } else if (config.tls.mode === 'lets-encrypt') {
    const acmeDir = join(props.dir, 'acme-server');
    mkdirSync(acmeDir, { recursive: true, mode: 0o700 });
    acme = await startLocalAcmeServer(acmeDir);
    const hookPath = join(layout.etcDir, 'acme-dns-hook');
    writeFileSync(hookPath, renderAcmeDnsHook(acme.challtestsrvUrl), { mode: 0o700 });
    writeFileSync(
      script,
      renderCertScript(config, {
        ...base,
        acmeServer: acme.directoryUrl,
        acmeDns: { provider: 'exec', hookPath, resolver: acme.dnsResolver },
      }),
      { mode: 0o700 },
    );
    env = { LEGO_CA_CERTIFICATES: acme.caFile };
  } else {
    writeFileSync(script, renderCertScript(config, base), { mode: 0o700 });
    makeSelfSignedCertificate(layout, props.addresses);
  }
  const current = (): Certificate => {
    const certFile = join(tlsDir, 'cert.pem');
    return { certFile, keyFile: join(tlsDir, 'key.pem'), pem: readFileSync(certFile, 'utf8') };
  };
  const renew = (renewDays?: number) =>
    runScript(script, { ...env, ...(renewDays === undefined ? {} : { FTPKIT_RENEW_DAYS: String(renewDays) }) });
  try {
    if (config.tls.mode !== 'self-signed') await renew();
  } catch (err) {
    acme?.stop();
    throw err;
  }
  return { opensslConf, script, acmeRootPem: acme?.rootPem, current, renew, stop: () => acme?.stop() };
}
