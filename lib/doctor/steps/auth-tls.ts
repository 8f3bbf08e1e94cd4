import { tlsOptions } from '../diagnose';
import { DoctorStep } from '../types';

/** Explicit FTPS (AUTH TLS, RFC 4217) works, with TLS 1.2 or newer. */
export const step: DoctorStep = {
  id: 'auth-tls',
  blockedBy: (found) => (found.greeted ? undefined : 'the server did not greet'),
  async run({ props, found }) {
    const control = found.control!;
    const feat = await control.send('FEAT');
    // vsftpd 3.0.3 lists AUTH TLS only with ssl_tlsv1=YES, whatever else it accepts: a hint, not a verdict.
    const offered = feat.lines.some((l) => /^\s*AUTH\b.*\bTLS\b/i.test(l));
    const auth = await control.send('AUTH TLS');
    if (auth.code !== 234) {
      return {
        status: 'fail',
        detail: `AUTH TLS → ${auth.text}${offered ? '' : ' (FEAT does not offer AUTH TLS)'}`,
        diagnosis: 'the server does not offer TLS: passwords and files would cross the network in clear text',
        fix:
          'enable explicit FTPS (vsftpd: ssl_enable=YES with a certificate, force_local_logins_ssl=YES, force_local_data_ssl=YES); ' +
          'ftp-kit servers always force it',
      };
    }
    const secure = await control.upgrade(tlsOptions(props));
    const protocol = secure.getProtocol() ?? '?';
    const cipher = secure.getCipher();
    if (protocol === 'TLSv1' || protocol === 'TLSv1.1') {
      return {
        status: 'fail',
        detail: `${protocol}, ${cipher.name}`,
        diagnosis: `the server negotiated ${protocol}, which is broken and deprecated (RFC 8996)`,
        fix: 'allow only ECDHE AES-GCM / ChaCha20 ciphers (ssl_ciphers): on vsftpd 3.0.3 that is what shuts out TLS 1.0/1.1',
      };
    }
    const unlisted = offered ? '' : ' (AUTH TLS works, though FEAT does not list it)';
    return { status: 'pass', detail: `${protocol}, ${cipher.standardName ?? cipher.name}${unlisted}`, found: { secure: true } };
  },
};
