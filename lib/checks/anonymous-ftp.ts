import { ftpServers, isYes, setting, settingsSubject } from '../model/server';
import { Rule, RuleFinding } from './types';

/**
 * Anonymous FTP lets anyone who reaches the port read (or, with anon_upload_enable, write) files
 * without a password. vsftpd enables it when the line is missing, so it must be turned off explicitly.
 */
export const rule: Rule = {
  id: 'FTPKIT-ANONYMOUS',
  level: 'high',
  name: 'Anonymous FTP enabled',
  description: "vsftpd accepts anonymous logins (anonymous_enable is YES, or missing: vsftpd's default is YES).",
  fix: "Set anonymous_enable=NO (ftp-kit's vsftpd.conf does); give every partner a user of their own.",
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const server of ftpServers(model)) {
      if (!server.settings || !isYes(setting(server.settings, 'anonymous_enable'))) continue;
      const writes = isYes(server.settings.anon_upload_enable) || isYes(server.settings.anon_mkdir_write_enable);
      findings.push({
        resource: server.record.address,
        message:
          `${settingsSubject(server)} accepts anonymous logins ` +
          `(anonymous_enable=${server.settings.anonymous_enable ?? 'unset, default YES'})${writes ? ', and lets them upload' : ''}`,
      });
    }
    return findings;
  },
};
