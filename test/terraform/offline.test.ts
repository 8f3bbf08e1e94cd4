import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFFLINE_OVERRIDE_FILE, syncOfflineOverride, withOfflineCredentials } from '../../lib/terraform/offline';

describe('offline override', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-offline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN offline WHEN synced THEN the skip flags go into provider.aws array form beside the stack', () => {
    const file = syncOfflineOverride(dir, true);
    expect(file).toBe(join(dir, OFFLINE_OVERRIDE_FILE));
    const json = JSON.parse(readFileSync(file!, 'utf8'));
    expect(json.provider.aws).toHaveLength(1);
    expect(json.provider.aws[0]).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_region_validation: true,
    });
    expect(JSON.stringify(json)).not.toMatch(/AKIA|secret/i);
    // Its own throwaway state: the stack's backend (S3, a deployed server's state) needs real credentials.
    expect(json.terraform.backend).toEqual({ local: { path: '.ftp-kit/offline.tfstate' } });
  });

  test('GIVEN a stale override WHEN synced online THEN it is removed', () => {
    syncOfflineOverride(dir, true);
    expect(syncOfflineOverride(dir, false)).toBeUndefined();
    expect(existsSync(join(dir, OFFLINE_OVERRIDE_FILE))).toBe(false);
  });

  test('GIVEN a user profile WHEN offline env is built THEN dummy keys replace it and the input is untouched', () => {
    const input = { AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 'tok', PATH: '/usr/bin' };
    const env = withOfflineCredentials(input);
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^AKIA/);
    expect(env.PATH).toBe('/usr/bin');
    expect(input.AWS_PROFILE).toBe('prod');
  });
});
