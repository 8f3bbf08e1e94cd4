/*
 * The CLI started from its startup snapshot does what the plain CLI does: the same files, byte for
 * byte, the same messages and exit codes. The snapshot is the one `npm run build` made
 * (test/global-setup.js), started as the launcher starts it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SNAPSHOT_BLOB, SNAPSHOT_DIR } from '../../../bin/snapshot/build';

const ROOT = path.resolve(__dirname, '../../..');
const BLOB = path.join(ROOT, SNAPSHOT_DIR, SNAPSHOT_BLOB);
const PLAIN = path.join(ROOT, 'dist', 'bin', 'ftp-kit.js');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

const ways = {
  snapshot: (args: readonly string[]) => [process.execPath, ['--snapshot-blob', BLOB, '--', ...args]] as const,
  plain: (args: readonly string[]) => [process.execPath, [PLAIN, ...args]] as const,
};
type Way = keyof typeof ways;

function runCli(way: Way, args: readonly string[], cwd: string, home: string): Run {
  const [file, argv] = ways[way](args);
  const result = spawnSync(file, argv, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home }, timeout: 60_000 });
  // The output names the folder it wrote to: the same text whichever way ran, once that is taken out.
  const neutral = (text: string) => text.replaceAll(cwd, '<cwd>');
  return { code: result.status, stdout: neutral(result.stdout), stderr: neutral(result.stderr) };
}

/** Every file under `dir`, relative path → contents. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = path.join(sub, name);
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else out[rel] = readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

const CONFIGS = {
  default: { allow: ['198.51.100.0/24'], users: [{ name: 'partner1', write: true }] },
  large: {
    name: 'ftp-large',
    allow: ['198.51.100.0/24', { cidr: '203.0.113.0/24', description: 'partner two' }, '2001:db8::/32'],
    users: [{ name: 'alice', write: true }, { name: 'bob', write: true }, { name: 'carol' }, { name: 'dave' }, { name: 'auditor' }],
    passivePorts: { from: 40000, to: 40999 },
    limits: { maxClients: 333, maxPerIp: 200 },
    banner: 'Partners only.',
  },
};

describe.each(Object.entries(CONFIGS))('GIVEN the %s config', (label, config) => {
  const base = mkdtempSync(path.join(tmpdir(), `ftp-kit-snapshot-${label}-`));
  const results = {} as Record<Way, { synth: Run; render: Run; synthTree: Record<string, string>; renderTree: Record<string, string> }>;

  beforeAll(() => {
    for (const way of Object.keys(ways) as Way[]) {
      // A folder per way, so that the snapshot's build folder is never where a relative path lands.
      const cwd = path.join(base, way);
      const home = path.join(base, `${way}-home`);
      mkdirSync(cwd, { recursive: true });
      mkdirSync(home, { recursive: true });
      writeFileSync(path.join(cwd, 'ftp-kit.config.json'), JSON.stringify(config));
      const synth = runCli(way, ['synth', '--out', 'out'], cwd, home);
      const render = runCli(way, ['render', '--out', 'files', '--public-ip', '203.0.113.10'], cwd, home);
      results[way] = { synth, render, synthTree: tree(path.join(cwd, 'out')), renderTree: tree(path.join(cwd, 'files')) };
    }
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test('WHEN synthesized from the snapshot THEN it exits 0 into the caller\'s folder, as the plain CLI does', () => {
    expect(results.snapshot.synth).toEqual({ code: 0, stdout: expect.stringContaining('<cwd>/out/stacks/'), stderr: results.plain.synth.stderr });
    expect(results.snapshot.synth).toEqual(results.plain.synth);
  });

  test('WHEN synthesized from the snapshot THEN the stack is the plain CLI\'s, byte for byte', () => {
    expect(Object.keys(results.snapshot.synthTree).length).toBeGreaterThanOrEqual(2);
    expect(results.snapshot.synthTree).toEqual(results.plain.synthTree);
  });

  test('WHEN rendered from the snapshot THEN the server files are the plain CLI\'s, byte for byte', () => {
    expect(results.snapshot.render.code).toBe(0);
    expect(results.snapshot.render).toEqual(results.plain.render);
    expect(results.snapshot.renderTree['vsftpd.conf']).toContain('pasv_address=203.0.113.10');
    expect(results.snapshot.renderTree).toEqual(results.plain.renderTree);
  });
});

describe('GIVEN words that are not a synth', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'ftp-kit-snapshot-words-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const both = (args: readonly string[], files: Record<string, string> = {}) => {
    const out = {} as Record<Way, Run>;
    for (const way of Object.keys(ways) as Way[]) {
      const cwd = mkdtempSync(path.join(base, `${way}-`));
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
      out[way] = runCli(way, args, cwd, cwd);
    }
    return out;
  };

  test('THEN --version prints the package version, not node\'s', () => {
    const { snapshot, plain } = both(['--version']);
    expect(snapshot).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`, stderr: '' });
    expect(snapshot).toEqual(plain);
  });

  test('THEN --help is the CLI\'s help, exit 0', () => {
    const { snapshot, plain } = both(['--help']);
    expect(snapshot.code).toBe(0);
    expect(snapshot.stdout).toMatch(/^Usage: ftp-kit /);
    expect(snapshot).toEqual(plain);
  });

  test('fails when the config is invalid: exit 1 and the same message from both', () => {
    const { snapshot, plain } = both(['synth'], { 'ftp-kit.config.json': JSON.stringify({ allow: ['0.0.0.0/0'], users: [{ name: 'Bad Name' }], controlPort: 70000 }) });
    expect(snapshot.code).toBe(1);
    expect(snapshot.stderr).toMatch(/controlPort: 70000/);
    expect(snapshot).toEqual(plain);
  });
});
