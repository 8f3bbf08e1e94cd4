import { effectiveSettings, ftpServers, isYes, setting, settingsSubject } from '../model/server';
import { Rule, RuleFinding } from './types';

/**
 * Users must be jailed (chroot_local_user=YES, no chroot_list exceptions) into a root they cannot
 * write: a writable jail root lets a user plant files such as /etc/ld.so.preload-style traps that
 * vsftpd or a library later reads inside the jail ("roaring beast"), which is why vsftpd refuses it
 * unless allow_writeable_chroot=YES.
 */
export const rule: Rule = {
  id: 'FTPKIT-WRITABLE-CHROOT',
  level: 'high',
  name: 'Users not jailed, or jail root writable',
  description: 'vsftpd does not chroot every user, or allows a writable chroot root.',
  fix:
    'Keep chroot_local_user=YES, allow_writeable_chroot=NO and no ' +
    'chroot_list: ftp-kit jails each user in a root-owned, read-only root ' +
    'that holds the writable files/ folder.',
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const server of ftpServers(model)) {
      for (const { user, settings } of effectiveSettings(server, ['allow_writeable_chroot', 'chroot_local_user', 'chroot_list_enable'])) {
        const problems: string[] = [];
        if (isYes(setting(settings, 'allow_writeable_chroot')))
          problems.push('allow_writeable_chroot=YES lets users write the root of their jail');
        if (!isYes(setting(settings, 'chroot_local_user')))
          problems.push(`chroot_local_user=${setting(settings, 'chroot_local_user')} leaves users free to browse the whole filesystem`);
        else if (isYes(settings.chroot_list_enable))
          problems.push('chroot_list_enable=YES exempts the users listed in chroot_list_file from the jail');
        if (problems.length === 0) continue;
        findings.push({ resource: server.record.address, message: `${settingsSubject(server, user)}: ${problems.join('; ')}` });
      }
    }
    return findings;
  },
};
