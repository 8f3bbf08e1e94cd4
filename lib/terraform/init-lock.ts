/*
 * Terraform's plugin cache is not safe for two `terraform init` at once: both fill the same
 * `<cache>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>` folder, and the slower one fails
 * with "failed to create directory … file exists". Two ftp-kit runs on one machine (a CI runner with
 * parallel jobs, a plan in two shells) share ftp-kit's cache, so init takes a lock on it first.
 * proper-lockfile: an atomic mkdir lock whose holder refreshes its time, so the lock of a process
 * that died goes stale and is taken over instead of blocking everyone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { UsageError } from '../errors';

/** The lock's folder inside the cache (terraform never writes there). */
export const INIT_LOCK_NAME = '.ftp-kit-init.lock';

export interface InitLockOptions {
  /** Give up after waiting this long for another init. @default 300000 (an init through a slow registry) */
  readonly waitMs?: number;
  /** A lock not refreshed for this long belongs to a process that died. @default 30000 */
  readonly staleMs?: number;
}

/** Runs `fn` (a terraform init using `cacheDir`) while no other ftp-kit init uses that cache. */
export async function withPluginCacheLock<T>(cacheDir: string, fn: () => Promise<T>, options: InitLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 300000;
  const intervalMs = 250;
  const lockfilePath = join(cacheDir, INIT_LOCK_NAME);
  // A cache folder that does not exist (a user's TF_PLUGIN_CACHE_DIR): nothing is shared, and terraform reports it itself.
  if (!existsSync(cacheDir)) return fn();
  let release: () => Promise<void>;
  try {
    release = await lock(cacheDir, {
      lockfilePath,
      realpath: false,
      stale: options.staleMs ?? 30000,
      retries: { retries: Math.ceil(waitMs / intervalMs), factor: 1, minTimeout: intervalMs, maxTimeout: intervalMs },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    throw new UsageError(
      `another terraform init has held the plugin cache ${cacheDir} for over ${Math.round(waitMs / 1000)} s — ` +
        `wait for it, or remove ${lockfilePath} if no ftp-kit is running`,
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
