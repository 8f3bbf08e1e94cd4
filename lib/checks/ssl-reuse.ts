import { effectiveSettings, ftpServers, isYes, setting, settingsSubject } from '../model/server';
import { Rule, RuleFinding } from './types';

/**
 * With require_ssl_reuse=YES the data connection must resume the control connection's TLS session,
 * which proves it comes from the same client. Without it, anyone who guesses the passive port in
 * time can connect first and steal (or inject) the file: "data connection hijacking".
 */
export const rule: Rule = {
  id: 'FTPKIT-SSL-REUSE',
  level: 'medium',
  name: 'TLS session reuse not required (require_ssl_reuse=NO)',
  description: "vsftpd accepts data connections that do not resume the control connection's TLS session.",
  fix: 'Keep require_ssl_reuse=YES. Clients that fail with it are old or misconfigured: FileZilla, WinSCP, lftp and curl resume sessions.',
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const server of ftpServers(model)) {
      for (const { user, settings } of effectiveSettings(server, ['ssl_enable', 'require_ssl_reuse'])) {
        if (!isYes(setting(settings, 'ssl_enable')) || isYes(setting(settings, 'require_ssl_reuse'))) continue;
        findings.push({
          resource: server.record.address,
          message:
            `${settingsSubject(server, user)} sets ` +
            `require_ssl_reuse=${settings.require_ssl_reuse}: data connections can ` +
            `be hijacked`,
        });
      }
    }
    return findings;
  },
};
