import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { UsageError } from '../../lib/errors';
import { INIT_LOCK_NAME, withPluginCacheLock } from '../../lib/terraform/init-lock';
import { terraformSetup } from '../../lib/terraform/plan';
import { cdktfStack, MIRROR, writeStack } from './fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withPluginCacheLock', () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'ftp-kit-init-lock-'));
  });
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  test('GIVEN three inits at once THEN they run one after the other, and each gets its own result', async () => {
    let inside = 0;
    let most = 0;
    const init = async (n: number) => {
      inside += 1;
      most = Math.max(most, inside);
      await sleep(150);
      inside -= 1;
      return n;
    };
    const results = await Promise.all([1, 2, 3].map((n) => withPluginCacheLock(cache, () => init(n))));
    expect(results).toEqual([1, 2, 3]);
    expect(most).toBe(1);
    expect(existsSync(join(cache, INIT_LOCK_NAME))).toBe(false);
  });

  test('GIVEN an init that fails THEN the error comes out and the lock is released', async () => {
    await expect(withPluginCacheLock(cache, () => Promise.reject(new Error('init failed')))).rejects.toThrow('init failed');
    await expect(withPluginCacheLock(cache, () => Promise.resolve('next'))).resolves.toBe('next');
  });

  test('GIVEN the lock of a process that died (not refreshed for a minute) THEN it is taken over', async () => {
    const left = join(cache, INIT_LOCK_NAME);
    mkdirSync(left);
    const minuteAgo = new Date(Date.now() - 60000);
    utimesSync(left, minuteAgo, minuteAgo);
    await expect(withPluginCacheLock(cache, () => Promise.resolve('ran'), { staleMs: 10000, waitMs: 2000 })).resolves.toBe('ran');
  });

  test('fails when another init holds the lock past the wait: a UsageError naming the lock to remove', async () => {
    let release!: () => void;
    const holding = withPluginCacheLock(cache, () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(100);
    const waiting = withPluginCacheLock(cache, () => Promise.resolve('never'), { waitMs: 600 });
    await expect(waiting).rejects.toThrow(UsageError);
    await expect(waiting).rejects.toThrow(`remove ${join(cache, INIT_LOCK_NAME)} if no ftp-kit is running`);
    release();
    await holding;
  });

  test('GIVEN a cache folder that does not exist THEN init runs without a lock (terraform reports the folder itself)', async () => {
    await expect(withPluginCacheLock(join(cache, 'missing'), () => Promise.resolve('ran'))).resolves.toBe('ran');
  });
});

// Without the lock, six inits at once failed with "file exists" in about one run of three here (CI met it with two).
const STACKS = 6;

describe('GIVEN six stacks planned at once through the offline mirror, sharing one empty plugin cache', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ftp-kit-init-race-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('THEN every terraform init succeeds, and the provider is in the cache once', async () => {
    const env = { PATH: process.env.PATH, XDG_CACHE_HOME: join(root, 'cache'), TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' };
    const runners = Array.from({ length: STACKS }, (_, n) => {
      const output = new PassThrough();
      output.resume();
      const { runner, cliConfig } = terraformSetup({
        stackDir: writeStack(cdktfStack(), `ftp-kit-init-race-${n}-`),
        offline: true,
        providerMirror: MIRROR,
        env,
        output,
      });
      expect(cliConfig.pluginCacheDir).toBe(join(root, 'cache', 'ftp-kit', 'terraform-plugins'));
      return runner;
    });
    const results = await Promise.allSettled(runners.map((r) => r.init()));
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason).split('\n').slice(0, 4).join(' ') : 'ok'))).toEqual(
      Array(STACKS).fill('ok'),
    );
    expect(readdirSync(join(root, 'cache', 'ftp-kit', 'terraform-plugins', 'registry.terraform.io', 'hashicorp', 'aws'))).toEqual([
      '5.100.0',
    ]);
  });
});
