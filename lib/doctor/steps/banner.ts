import { refusalDiagnosis } from '../diagnose';
import { DoctorStep } from '../types';

/** Names a banner must not carry: they tell an attacker which exploits to try. */
const SOFTWARE_NAMES = /\b(vsftpd|vsFTPd|proftpd|pure-ftpd|filezilla|serv-u|wu-ftpd|microsoft ftp|glftpd|pyftpdlib)\b|\b\d+\.\d+\.\d+\b/i;

/** The server greets with 220, and the greeting does not name the software. */
export const step: DoctorStep = {
  id: 'banner',
  blockedBy: (found) => (found.control ? undefined : 'needs a control connection'),
  async run({ found }) {
    const greeting = await found.control!.read();
    if (greeting.code !== 220) return { status: 'fail', detail: greeting.text, ...refusalDiagnosis(greeting) };
    if (SOFTWARE_NAMES.test(greeting.text)) {
      return {
        status: 'warn',
        detail: greeting.text,
        found: { greeted: true },
        diagnosis: 'the banner names the server software or a version: it tells an attacker which exploits to try',
        fix: 'set `banner` in the config to a neutral line',
      };
    }
    return { status: 'pass', detail: greeting.text, found: { greeted: true } };
  },
};
