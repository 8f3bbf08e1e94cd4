/*
 * The snapshot build's failure path: it must never leave a snapshot the launcher would trust. Its
 * success path is the real build of this package (test/global-setup.js), checked by
 * test/bin/launcher.test.ts and test/bin/snapshot/entry.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSnapshot, SNAPSHOT_BLOB, SNAPSHOT_DIR, SNAPSHOT_STAMP, snapshotStamp } from '../../../bin/snapshot/build';

describe('GIVEN a package folder whose compiled snapshot entry is missing, and an old snapshot', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-snapshot-build-'));
  const dir = path.join(root, SNAPSHOT_DIR);
  let result: ReturnType<typeof buildSnapshot>;
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, SNAPSHOT_STAMP), 'an old stamp\n');
    writeFileSync(path.join(dir, SNAPSHOT_BLOB), 'an old blob\n');
    result = buildSnapshot(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('fails when the entry cannot be bundled: not ok, and the reason names esbuild and the entry', () => {
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/esbuild could not bundle the snapshot entry/);
    expect(result.reason).toContain(path.join('dist', 'bin', 'snapshot', 'entry.js'));
  });

  test('THEN neither the old stamp nor the old blob is left for the launcher', () => {
    expect(existsSync(path.join(dir, SNAPSHOT_STAMP))).toBe(false);
    expect(existsSync(path.join(dir, SNAPSHOT_BLOB))).toBe(false);
  });
});

describe('GIVEN a node binary reached through a symlink', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-snapshot-stamp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN the stamp names the real binary and the real folder, as the launcher resolves them', () => {
    const link = path.join(dir, 'node');
    symlinkSync(process.execPath, link);
    expect(snapshotStamp(link, 'v20.0.0', dir)).toBe(`${realpathSync(process.execPath)} v20.0.0 ${realpathSync(dir)}`);
  });
});
