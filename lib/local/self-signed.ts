/* A self-signed EC P-256 certificate and its key, made by openssl: the preview's, the local ACME server's, the tests'. */
import { execFileSync } from 'node:child_process';

export interface SelfSignedProps {
  readonly certFile: string;
  readonly keyFile: string;
  /** The subject's common name. */
  readonly commonName: string;
  /** subjectAltName entries: `IP:127.0.0.1`, `DNS:localhost`. */
  readonly altNames: readonly string[];
  readonly days: number;
}

/** Writes the certificate and key (openssl's errors surface in the thrown error). */
export function makeSelfSigned(props: SelfSignedProps): void {
  const subject = ['-subj', `/CN=${props.commonName}`, '-addext', `subjectAltName=${props.altNames.join(',')}`];
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const out = ['-keyout', props.keyFile, '-out', props.certFile];
  execFileSync('openssl', ['req', '-x509', ...key, '-days', String(props.days), ...subject, ...out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}
