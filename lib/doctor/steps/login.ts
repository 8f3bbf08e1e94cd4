import { FtpReply } from '../../ftp/reply';
import { CheckResult, DoctorStep } from '../types';

export const NO_USER =
  'no --user given: doctor stopped after the TLS checks ' + '(pass --user U --password-env VAR for login, passive mode and a round trip)';

function loginDiagnosis(reply: FtpReply, user: string): Pick<CheckResult, 'diagnosis' | 'fix'> {
  if (/encrypt|ssl|tls/i.test(reply.text)) {
    return {
      diagnosis: 'the server requires TLS for logins (as it should), and this session is not protected',
      fix: 'connect with explicit FTPS (AUTH TLS)',
    };
  }
  if (['anonymous', 'ftp'].includes(user)) {
    return {
      diagnosis: 'anonymous logins are refused (as they should be on a partner drop)',
      fix: 'log in as one of the configured users',
    };
  }
  if (reply.code === 530) {
    return {
      diagnosis: `wrong credentials: the server refused user ${user} with this password`,
      fix:
        'read the password again (`ftp-kit outputs` lists the command that reads it from Secrets Manager); ' +
        'mind that repeated failures close the connection (max_login_fails)',
    };
  }
  return { diagnosis: 'the server did not accept the login', fix: 'check the user name and the server log (vsftpd.log)' };
}

/** USER/PASS over TLS, then PBSZ 0 / PROT P: the data channel must be protected too. */
export const step: DoctorStep = {
  id: 'login',
  blockedBy(found, props) {
    if (!found.secure) return 'doctor never sends a password without TLS';
    if (!found.trusted) return 'the certificate failed: doctor does not send a password to a server that may not be yours';
    return props.user ? undefined : NO_USER;
  },
  async run({ props, timeoutMs, found }) {
    const control = found.control!;
    const user = props.user!;
    const userReply = await control.send(`USER ${user}`);
    // vsftpd delays a wrong password (delay_failed_login): the bound allows for it.
    const final = userReply.code === 331 ? await control.send(`PASS ${props.password ?? ''}`, timeoutMs + 35000) : userReply;
    if (final.code !== 230) return { status: 'fail', detail: final.text, ...loginDiagnosis(final, user) };
    const pbsz = await control.send('PBSZ 0');
    const prot = await control.send('PROT P');
    if (pbsz.code !== 200 || prot.code !== 200) {
      return {
        status: 'fail',
        detail: `PBSZ 0 → ${pbsz.text}; PROT P → ${prot.text}`,
        diagnosis: 'the server refuses to protect the data channel with TLS',
        fix: 'vsftpd: ssl_enable=YES and force_local_data_ssl=YES',
      };
    }
    return { status: 'pass', detail: `${final.text}; data channel protected (PROT P)`, found: { loggedIn: true } };
  },
};
