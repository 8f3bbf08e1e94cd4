import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig, parseConfigText, resolveConfigPath } from '../../lib/config';

describe('loadConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-load-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN ./ftp-kit.config.json WHEN no --config THEN it is found and validated', () => {
    writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify({ allow: ['198.51.100.0/24'], users: [{ name: 'p1' }] }));
    expect(loadConfig(undefined, dir).config.users[0].name).toBe('p1');
  });

  test('GIVEN a YAML file WHEN loaded THEN YAML is accepted', () => {
    const file = path.join(dir, 'other.yaml');
    writeFileSync(file, 'controlPort: 2121\nallow:\n  - 198.51.100.0/24\nusers:\n  - name: p2\n    write: true\n');
    const { config } = loadConfig(file, dir);
    expect(config.controlPort).toBe(2121);
    expect(config.users[0]).toEqual({ name: 'p2', write: true });
  });

  test('fails when the file does not exist, naming --config', () => {
    expect(() => resolveConfigPath('missing.json', dir)).toThrow(/--config: "missing.json" — does not exist/);
  });

  test('fails when no config is in the folder, suggesting ftp-kit init', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'ftp-kit-empty-'));
    try {
      expect(() => resolveConfigPath(undefined, empty)).toThrow(/ftp-kit init/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  test('fails when the JSON is malformed, as a ConfigError', () => {
    expect(() => parseConfigText('{ "allow": [', 'x.json')).toThrow(ConfigError);
  });
});
