import { effectiveSettings, ftpServers, isYes, setting, settingsSubject } from '../model/server';
import { Rule, RuleFinding } from './types';

/** Each setting, the value that keeps passwords and files off the wire in clear, and why. */
const REQUIRED: ReadonlyArray<[key: string, yes: boolean, why: string]> = [
  ['ssl_enable', true, 'TLS is off: passwords and files cross the internet in clear'],
  ['force_local_logins_ssl', true, 'logins without TLS are accepted: passwords may cross in clear'],
  ['force_local_data_ssl', true, 'transfers without TLS are accepted: files may cross in clear'],
  ['ssl_sslv2', false, 'SSLv2 is allowed'],
  ['ssl_sslv3', false, 'SSLv3 is allowed'],
];

/**
 * Plain FTP sends the password in the USER/PASS exchange and every file in clear. vsftpd must
 * refuse logins and transfers that have not negotiated TLS.
 */
export const rule: Rule = {
  id: 'FTPKIT-TLS-NOT-FORCED',
  level: 'high',
  name: 'TLS not forced, or plain FTP allowed',
  description: 'vsftpd does not require TLS for every login and every data connection, or allows SSLv2/SSLv3.',
  fix:
    'Deploy the vsftpd.conf that ftp-kit renders (ssl_enable=YES, ' +
    'force_local_logins_ssl=YES, force_local_data_ssl=YES, ssl_sslv2=NO, ' +
    'ssl_sslv3=NO) and do not override them in per-user files.',
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const server of ftpServers(model)) {
      for (const { user, settings } of effectiveSettings(
        server,
        REQUIRED.map(([key]) => key),
      )) {
        const wrong = REQUIRED.filter(([key, yes]) => isYes(setting(settings, key)) !== yes);
        if (wrong.length === 0) continue;
        findings.push({
          resource: server.record.address,
          message:
            `${settingsSubject(server, user)}: ` +
            `${wrong.map(([key, , why]) => `${key}=${setting(settings, key) ?? '(unset)'} — ${why}`).join('; ')}`,
        });
      }
    }
    return findings;
  },
};
