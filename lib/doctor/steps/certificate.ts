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
        status: 'fail',
        detail,
        found: { fingerprint },
        diagnosis: `the certificate expired on ${day}: partners' clients refuse it`,
        fix:
          'renew it: on an ftp-kit server run `systemctl start ftp-kit-cert.service` ' +
          '(its timer renews 30 days before expiry; `journalctl -u ftp-kit-cert` tells why it did not)',
      };
    }
    // Node verifies the chain first: a name error alone means the chain itself is trusted.
    const trustedChain = secure.authorized || String(secure.authorizationError) === 'ERR_TLS_CERT_ALTNAME_INVALID';
    if (trustedChain && identity && !props.ca) return { ...nameMismatch(props.host, identity, detail), found: { fingerprint } };
    if (unverified.length > 0) {
      const diagnosis = `the certificate ${unverified.join(' and ')}`;
      // With --ca the user asked for verification: a mismatch may be someone in the middle.
      if (props.ca) {
        return {
          status: 'fail',
          detail,
          found: { fingerprint },
          diagnosis: `${diagnosis}, although --ca was given: this may not be your server`,
          fix: 'check that --ca is the certificate `ftp-kit deploy` printed the fingerprint of, and the host the one it names',
        };
      }
      if (props.insecure) return { status: 'pass', detail: `${detail} (not verified: --insecure)`, found: ok };
      return {
        status: 'warn',
        detail,
        found: ok,
        diagnosis: `${diagnosis}: it is not verified (ftp-kit's own certificate is self-signed)`,
        fix: 'compare the fingerprint with the one `ftp-kit deploy` printed, then pass the certificate with --ca FILE to verify it',
      };
    }
    if (daysLeft < 14) {
      return {
        status: 'warn',
        detail,
        found: ok,
        diagnosis: `the certificate expires in ${daysLeft} days`,
        fix:
          "renew it before partners' clients start refusing it " +
          '(ftp-kit servers: check `journalctl -u ftp-kit-cert` and the DaysToExpiry alarm)',
      };
    }
    return { status: 'pass', detail, found: ok };
  },
};

/** A certificate clients trust (a public CA's) that names another host: every verifying client refuses it. */
function nameMismatch(host: string, identity: Error, detail: string) {
  return {
    status: 'fail' as const,
    detail,
    diagnosis: `the certificate is trusted but does not name ${host} (${identity.message}): verifying clients refuse it`,
    fix:
      'connect by the name the certificate carries (with tls.mode lets-encrypt: tls.domain, not the IP address), ' +
      'or serve a certificate for this name',
  };
}
