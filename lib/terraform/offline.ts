import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Terraform merges `*_override.tf.json` into the module; for `"provider": {"aws": [{...}]}` (cdktf's
 * array form) an override block with the same (non-aliased) provider merges attribute by attribute,
 * verified with terraform 1.11.4 + aws 5.100.0. Living beside cdk.tf.json keeps the deployable file untouched.
 */
export const OFFLINE_OVERRIDE_FILE = 'ftp_kit_offline_override.tf.json';

/** Provider flags that let hashicorp/aws 5.100.0 plan with no AWS endpoint reachable. */
export const OFFLINE_PROVIDER_SETTINGS = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: 'true',
  skip_region_validation: true,
} as const;

/**
 * Offline plans keep their own state and working data, relative to the stack dir: the stack's real
 * backend (S3, or a local state of a deployed server) cannot be read with dummy credentials, and an
 * online run's `.terraform` must not be switched to the offline backend behind its back.
 */
export const OFFLINE_STATE_FILE = '.ftp-kit/offline.tfstate';
export const OFFLINE_DATA_DIR = '.ftp-kit/offline-terraform';

/** Returns a copy of `env` with dummy credentials; they live only in child-process env, never in a file. */
export function withOfflineCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIAFTPKITOFFLINE000',
    AWS_SECRET_ACCESS_KEY: 'ftp-kit-offline-dummy-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    // A real profile or shared config would otherwise be read and could reach SSO or IMDS.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    // Terraform's version check would try checkpoint-api.hashicorp.com on every command.
    CHECKPOINT_DISABLE: '1',
  };
  delete out.AWS_PROFILE;
  delete out.AWS_SESSION_TOKEN;
  return out;
}

/** Writes the override when offline, removes a stale one otherwise. */
export function syncOfflineOverride(stackDir: string, offline: boolean): string | undefined {
  const file = join(stackDir, OFFLINE_OVERRIDE_FILE);
  if (!offline) {
    rmSync(file, { force: true });
    return undefined;
  }
  // A backend block in an override file replaces the stack's whole backend block.
  const offlineOverride = {
    provider: { aws: [OFFLINE_PROVIDER_SETTINGS] },
    terraform: { backend: { local: { path: OFFLINE_STATE_FILE } } },
  };
  writeFileSync(file, `${JSON.stringify(offlineOverride, null, 2)}\n`);
  return file;
}
