/*
 * bin/ftp-kit, the launcher: which way it starts the CLI, and what environment it hands on.
 *
 * Each case gets a package folder of its own (the launcher finds its package from its own path), so
 * nothing here touches the dist/ that the other test files run, and a stand-in node records how it was
 * called. That the real snapshot is there after a build is the first describe; that it starts and
 * does what the plain CLI does is test/bin/snapshot/entry.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SNAPSHOT_BLOB, SNAPSHOT_DIR, SNAPSHOT_STAMP, snapshotStamp } from '../../bin/snapshot/build';

const ROOT = path.resolve(__dirname, '../..');

describe('GIVEN the package after `npm run build`', () => {
  test('THEN its snapshot stamp names the node on the PATH, its version and this folder', () => {
    const stamp = readFileSync(path.join(ROOT, SNAPSHOT_DIR, SNAPSHOT_STAMP), 'utf8').trim();
    const node = execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim();
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    expect(stamp).toBe(snapshotStamp(node, version, ROOT));
  });

  test('THEN the stamp is newer than the compiled CLI: with the stamp above, the launcher takes the snapshot (see below)', () => {
    expect(statSync(path.join(ROOT, SNAPSHOT_DIR, SNAPSHOT_STAMP)).mtimeMs).toBeGreaterThan(statSync(path.join(ROOT, 'dist', 'bin', 'cli.js')).mtimeMs);
    expect(statSync(path.join(ROOT, SNAPSHOT_DIR, SNAPSHOT_BLOB)).size).toBeGreaterThan(1024 * 1024);
  });
});

/** A package folder holding a copy of the launcher, a dist/ the test shapes, and a stand-in node. */
class FakePackage {
  readonly root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ftp-kit-launcher-')));
  readonly launcher = path.join(this.root, 'bin', 'ftp-kit');
  readonly node = path.join(this.root, 'fake-node', 'node');
  readonly log = path.join(this.root, 'node-calls');
  readonly stamp = path.join(this.root, SNAPSHOT_DIR, SNAPSHOT_STAMP);
  readonly cli = path.join(this.root, 'dist', 'bin', 'cli.js');

  constructor() {
    for (const dir of ['bin', 'fake-node', 'dist/bin', SNAPSHOT_DIR]) mkdirSync(path.join(this.root, dir), { recursive: true });
    copyFileSync(path.join(ROOT, 'bin', 'ftp-kit'), this.launcher);
    chmodSync(this.launcher, 0o755);
    // Answers --version as a node would; otherwise writes down its arguments and one variable.
    writeFileSync(this.node, [
      '#!/bin/sh',
      'if [ "$1" = --version ]; then echo v20.0.0-fake; exit 0; fi',
      `{ echo "NODE_EXTRA_CA_CERTS=\${NODE_EXTRA_CA_CERTS-unset}"; printf '%s\\n' "$@"; } > '${this.log}'`,
      '',
    ].join('\n'), { mode: 0o755 });
    writeFileSync(this.cli, '// stands in for the compiled CLI\n');
    // Compiled a minute before the snapshot is stamped, as `npm run build` orders them: files written
    // within one clock tick of the kernel would carry the same time.
    const compiled = new Date(Date.now() - 60_000);
    utimesSync(this.cli, compiled, compiled);
    writeFileSync(path.join(this.root, 'dist', 'bin', 'ftp-kit.js'), '// stands in for the plain entry\n');
    writeFileSync(path.join(this.root, SNAPSHOT_DIR, SNAPSHOT_BLOB), 'stands in for the blob\n');
  }

  writeStamp(version = 'v20.0.0-fake'): void {
    writeFileSync(this.stamp, `${this.node} ${version} ${this.root}\n`);
  }

  /** Runs the launcher with the stand-in node; returns the node's arguments, after its NODE_EXTRA_CA_CERTS line. */
  run(args: readonly string[], env: NodeJS.ProcessEnv = {}): { caCerts: string; args: string[] } {
    rmSync(this.log, { force: true });
    const result = spawnSync(this.launcher, args, { encoding: 'utf8', env: { PATH: process.env.PATH, FTP_KIT_NODE: this.node, ...env } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [caLine, ...nodeArgs] = readFileSync(this.log, 'utf8').trimEnd().split('\n');
    return { caCerts: caLine.replace(/^NODE_EXTRA_CA_CERTS=/, ''), args: nodeArgs };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

describe('GIVEN a snapshot whose stamp matches the node, its version and the folder', () => {
  const pkg = new FakePackage();
  beforeAll(() => pkg.writeStamp());
  afterAll(() => pkg.remove());

  test('THEN the launcher starts node from the snapshot, the CLI\'s words after `--`', () => {
    expect(pkg.run(['synth', '--out', 'x']).args).toEqual(['--snapshot-blob', path.join(pkg.root, SNAPSHOT_DIR, SNAPSHOT_BLOB), '--', 'synth', '--out', 'x']);
  });

  test('THEN words node would take for its own (--version, --help) still reach the CLI', () => {
    expect(pkg.run(['--version']).args.slice(2)).toEqual(['--', '--version']);
    expect(pkg.run(['--help']).args.slice(2)).toEqual(['--', '--help']);
  });

  test('THEN FTP_KIT_NO_SNAPSHOT=1 starts the plain CLI instead', () => {
    expect(pkg.run(['synth'], { FTP_KIT_NO_SNAPSHOT: '1' }).args).toEqual([path.join(pkg.root, 'dist', 'bin', 'ftp-kit.js'), 'synth']);
  });

  test('THEN NODE_EXTRA_CA_CERTS is dropped for verbs that open no TLS connection from node', () => {
    for (const verb of ['synth', 'render', 'plan', 'review', 'init', 'outputs', 'destroy', 'preview', 'schema', '--help']) {
      expect(pkg.run([verb], { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/extra.pem' }).caCerts).toBe('unset');
    }
  });

  test('THEN NODE_EXTRA_CA_CERTS reaches doctor and deploy, which verify TLS certificates', () => {
    for (const verb of ['doctor', 'deploy']) {
      expect(pkg.run([verb], { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/extra.pem' }).caCerts).toBe('/etc/ssl/certs/extra.pem');
    }
  });
});

describe('GIVEN a snapshot the launcher must not use', () => {
  let pkg: FakePackage;
  beforeEach(() => { pkg = new FakePackage(); });
  afterEach(() => pkg.remove());
  const plain = () => [path.join(pkg.root, 'dist', 'bin', 'ftp-kit.js'), 'synth'];

  test('THEN the plain CLI starts when no stamp is there (no snapshot was built)', () => {
    expect(pkg.run(['synth']).args).toEqual(plain());
  });

  test('THEN the plain CLI starts when the stamp names another node version', () => {
    pkg.writeStamp('v18.0.0');
    expect(pkg.run(['synth']).args).toEqual(plain());
  });

  test('THEN the plain CLI starts when the stamp names another folder (the package moved)', () => {
    writeFileSync(pkg.stamp, `${pkg.node} v20.0.0-fake /somewhere/else\n`);
    expect(pkg.run(['synth']).args).toEqual(plain());
  });

  test('THEN the plain CLI starts when the CLI was compiled after the snapshot was built', () => {
    pkg.writeStamp();
    const earlier = new Date(Date.now() - 120_000);
    utimesSync(pkg.stamp, earlier, earlier);
    expect(pkg.run(['synth']).args).toEqual(plain());
  });
});
