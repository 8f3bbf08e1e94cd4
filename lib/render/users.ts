import { FtpKitConfig } from '../config/schema';
import { renderTemplate } from './template';

/** <etcDir>/users/<name>: vsftpd's per-user settings; only write access differs between users. */
export function renderUserConfigs(config: FtpKitConfig): Record<string, string> {
  return Object.fromEntries(
    config.users.map((user) => [user.name, renderTemplate('user.conf.mustache', { user: user.name, write: user.write ? 'YES' : 'NO' })]),
  );
}
