import * as tls from 'node:tls';
import { DoctorStep } from '../types';

/** The certificate is valid, names the host, and (with --ca) verifies: only then may the password follow. */
export const step: DoctorStep = {
  id: 'certificate',
  blockedBy: (found) => (found.secure ? undefined : 'doctor never sends a password without TLS'),
  async run({ props, found }) {
    const secure = found.control!.tlsSocket!;
    const cert = secure.getPeerCertificate();
    const fingerprint = cert.fingerprint256;
    const unverified: string[] = [];
    if (!secure.authorized) unverified.push(`is not trusted (${String(secure.authorizationError)})`);
    const identity = tls.checkServerIdentity(props.host, cert);
    if (identity) unverified.push(`does not name ${props.host} (${identity.message})`);
    const expires = new Date(cert.valid_to);
    const day = expires.toISOString().slice(0, 10);
    const daysLeft = Math.floor((expires.getTime() - Date.now()) / 86400000);
    const detail = `${cert.subject?.CN ? `CN=${cert.subject.CN}, ` : ''}expires ${day} (${daysLeft} days), SHA-256 ${fingerprint}`;
    const ok = { fingerprint, trusted: true };
    if (daysLeft < 0) {
      return {
        status: 'fail', detail, found: { fingerprint }, diagnosis: `the certificate expired on ${day}: partners' clients refuse it`,
        fix: 'renew it (ftp-kit makes a new self-signed one when the instance is replaced: delete state/tls on the data volume first)',
      };
    }
    if (unverified.length > 0) {
      const diagnosis = `the certificate ${unverified.join(' and ')}`;
      // With --ca the user asked for verification: a mismatch may be someone in the middle.
      if (props.ca) {
        return {
          status: 'fail', detail, found: { fingerprint }, diagnosis: `${diagnosis}, although --ca was given: this may not be your server`,
          fix: 'check that --ca is the certificate `ftp-kit deploy` printed the fingerprint of, and the host the one it names',
        };
      }
      if (props.insecure) return { status: 'pass', detail: `${detail} (not verified: --insecure)`, found: ok };
      return {
        status: 'warn', detail, found: ok, diagnosis: `${diagnosis}: it is not verified (ftp-kit's own certificate is self-signed)`,
        fix: 'compare the fingerprint with the one `ftp-kit deploy` printed, then pass the certificate with --ca FILE to verify it',
      };
    }
    if (daysLeft < 14) {
      return {
        status: 'warn', detail, found: ok,
        diagnosis: `the certificate expires in ${daysLeft} days`,
        fix: 'renew it before partners\' clients start refusing it',
      };
    }
    return { status: 'pass', detail, found: ok };
  },
};
