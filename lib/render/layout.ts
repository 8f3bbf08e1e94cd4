import { ServerLayout } from './types';

export const DEFAULT_LAYOUT: ServerLayout = {
  etcDir: '/etc/ftp-kit',
  dataDir: '/srv/ftp-kit',
  logDir: '/var/log/ftp-kit',
  secureChrootDir: '/var/run/ftp-kit/empty',
  pamServiceName: 'ftp-kit',
  guestUser: 'ftpkit',
  nftTable: 'ftp_kit',
};

/** Home directory of the guest account: see ServerLayout.guestUser. */
export const GUEST_USER_HOME = '/';

const SAFE_PATH = /^\/[A-Za-z0-9._/-]*$/;

/** Fills in defaults and refuses paths or names that could break out of a config line or a shell word. */
export function resolveLayout(overrides: Partial<ServerLayout> = {}): ServerLayout {
  const layout = { ...DEFAULT_LAYOUT, ...overrides };
  const bad: string[] = [];
  for (const key of ['etcDir', 'dataDir', 'logDir', 'secureChrootDir'] as const) {
    if (!SAFE_PATH.test(layout[key])) bad.push(`${key}: ${JSON.stringify(layout[key])} — must be an absolute path of A-Z a-z 0-9 . _ - /`);
  }
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(layout.pamServiceName))
    bad.push(`pamServiceName: ${JSON.stringify(layout.pamServiceName)} — use a-z 0-9 _ -`);
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(layout.guestUser)) bad.push(`guestUser: ${JSON.stringify(layout.guestUser)} — use a-z 0-9 _ -`);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(layout.nftTable)) bad.push(`nftTable: ${JSON.stringify(layout.nftTable)} — use A-Z a-z 0-9 _`);
  if (bad.length > 0) throw new Error(`invalid server layout:\n  ${bad.join('\n  ')}`);
  return layout;
}
