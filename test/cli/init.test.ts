import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInit } from '../../lib/cli/init';
import { loadConfig } from '../../lib/config';
import { CLI } from '../support/cli';

describe('ftp-kit init', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN only flags WHEN run THEN it writes a commented YAML config that validates', async () => {
    const file = await runInit({ allow: ['198.51.100.0/24', '2001:db8::/32'], users: ['alice:rw', 'bob'], yes: true, cwd: dir });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*ftp-kit\.schema\.json$/m);
    const { config } = loadConfig(undefined, dir);
    expect(config.users).toEqual([
      { name: 'alice', write: true },
      { name: 'bob', write: false },
    ]);
    expect(config.allow.map((a) => a.cidr)).toEqual(['198.51.100.0/24', '2001:db8::/32']);
  });

  test('GIVEN --json WHEN run THEN it writes JSON with a $schema reference', async () => {
    const file = await runInit({ allow: ['198.51.100.0/24'], users: ['alice'], yes: true, json: true, cwd: dir });
    expect(JSON.parse(readFileSync(file, 'utf8')).$schema).toMatch(/ftp-kit\.schema\.json$/);
    expect(loadConfig(undefined, dir).config.users[0].name).toBe('alice');
  });

  test('fails when a config exists already, leaving it untouched', async () => {
    writeFileSync(path.join(dir, 'ftp-kit.config.json'), '{"mine":true}');
    await expect(runInit({ allow: ['198.51.100.0/24'], users: ['alice'], yes: true, cwd: dir })).rejects.toThrow(/never overwrites/);
    expect(readFileSync(path.join(dir, 'ftp-kit.config.json'), 'utf8')).toBe('{"mine":true}');
  });

  test('fails when no terminal can answer and --allow is missing', async () => {
    await expect(runInit({ users: ['alice'], yes: true, cwd: dir })).rejects.toThrow(/--allow/);
  });

  test('fails when the flags make an invalid config, writing nothing', async () => {
    await expect(runInit({ allow: ['0.0.0.0/0'], users: ['root'], yes: true, cwd: dir })).rejects.toThrow(
      /users\[0\]\.name[\s\S]*allowPublic|allowPublic[\s\S]*users\[0\]\.name/,
    );
    expect(() => readFileSync(path.join(dir, 'ftp-kit.config.yaml'))).toThrow();
  });

  test('GIVEN a terminal and no flags WHEN the answers are typed THEN it asks for each and writes them', () => {
    // script(1) gives the CLI a real pseudo-terminal; the answers are typed ahead, as a paste would.
    const result = spawnSync('script', ['-qec', `${CLI} init`, '/dev/null'], {
      cwd: dir,
      input: '198.51.100.0/24 2001:db8::/32\nalice:rw bob\neu-central-1\n\n',
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('CIDRs that may connect');
    expect(result.stdout).toContain('Users (name, or name:rw to allow uploads)');
    expect(result.stdout).toContain('AWS region (us-east-1): ');
    expect(result.stdout).toContain('TLS mode, one of: self-signed, lets-encrypt, imported (self-signed): ');
    const { config } = loadConfig(undefined, dir);
    expect(config.allow.map((a) => a.cidr)).toEqual(['198.51.100.0/24', '2001:db8::/32']);
    expect(config.users).toEqual([
      { name: 'alice', write: true },
      { name: 'bob', write: false },
    ]);
    expect(config.region).toBe('eu-central-1');
  });

  test('GIVEN a terminal WHEN an answer is wrong THEN that question alone is asked again, saying why, and earlier answers are kept', () => {
    const result = spawnSync('script', ['-qec', `${CLI} init`, '/dev/null'], {
      cwd: dir,
      input: '198.51.100.0/24\nroot\nalice:rw\nmars-1\n\nacme-maybe\n\n',
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout.match(/CIDRs that may connect/g)).toHaveLength(1);
    expect(result.stdout.match(/Users \(name, or name:rw to allow uploads\)/g)).toHaveLength(2);
    expect(result.stdout).toMatch(/users\[0\]\.name: "root" — .*\r?\ntry again:/);
    expect(result.stdout).toMatch(/region: "mars-1" — is not an AWS region/);
    expect(result.stdout).toMatch(/tls\.mode: "acme-maybe" — is not a supported TLS mode — use one of: self-signed/);
    const { config } = loadConfig(undefined, dir);
    expect(config.users).toEqual([{ name: 'alice', write: true }]);
    expect(config.region).toBe('us-east-1');
  });

  test('GIVEN --config FILE THEN init writes that file (JSON for .json)', async () => {
    const file = await runInit({ allow: ['198.51.100.0/24'], users: ['alice'], yes: true, cwd: dir, config: 'conf/partner.json' });
    expect(file).toBe(path.join(dir, 'conf', 'partner.json'));
    expect(loadConfig('conf/partner.json', dir).config.users[0].name).toBe('alice');
  });

  test('fails when the terminal closes before an answer: exit 1, nothing written', () => {
    const result = spawnSync('script', ['-qec', `${CLI} init`, '/dev/null'], {
      cwd: dir,
      input: '198.51.100.0/24\n',
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('init cancelled');
    expect(() => readFileSync(path.join(dir, 'ftp-kit.config.yaml'))).toThrow();
  });
});
