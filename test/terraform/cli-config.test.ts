import { existsSync, statSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { applyCliConfig, pluginCacheDir, renderMirrorCliConfig, resolveCliConfig } from '../../lib/terraform/cli-config';

describe('resolveCliConfig', () => {
  let root: string;
  let stackDir: string;
  let mirror: string;
  let userRc: string;
  const noMirror = '/nonexistent/ftp-kit-no-mirror';

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ftp-kit-clicfg-'));
    stackDir = join(root, 'stack');
    mirror = join(root, 'mirror');
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
    mkdirSync(stackDir);
    userRc = join(root, 'user.tfrc');
    writeFileSync(userRc, '# user config\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('GIVEN --provider-mirror WHEN resolved THEN a filesystem_mirror config is written into the stack dir', () => {
    const result = resolveCliConfig({ stackDir, providerMirror: mirror, env: { TF_CLI_CONFIG_FILE: userRc } });
    expect(result.source).toBe('mirror-option');
    expect(result.cliConfigFile).toBe(join(stackDir, '.ftp-kit', 'terraformrc'));
    const text = readFileSync(result.cliConfigFile!, 'utf8');
    expect(text).toContain(`path    = "${mirror}"`);
    expect(text).toContain('include = ["registry.terraform.io/*/*"]');
    expect(text).toContain('exclude = ["registry.terraform.io/*/*"]');
  });

  test('GIVEN FTP_KIT_PROVIDER_MIRROR WHEN resolved THEN it beats --tf-cli-config and the user env', () => {
    const result = resolveCliConfig({
      stackDir,
      tfCliConfig: userRc,
      env: { FTP_KIT_PROVIDER_MIRROR: mirror, TF_CLI_CONFIG_FILE: userRc },
    });
    expect(result.source).toBe('mirror-option');
    expect(result.mirrorDir).toBe(mirror);
  });

  test('GIVEN --tf-cli-config WHEN resolved THEN that file is passed on as is', () => {
    const result = resolveCliConfig({ stackDir, tfCliConfig: userRc, offline: true, env: {}, defaultMirror: mirror });
    expect(result).toEqual({ source: 'cli-config-option', cliConfigFile: userRc });
  });

  test('GIVEN TF_CLI_CONFIG_FILE names an existing file WHEN resolved THEN the user set-up is kept', () => {
    const result = resolveCliConfig({ stackDir, offline: true, env: { TF_CLI_CONFIG_FILE: userRc }, defaultMirror: mirror });
    expect(result).toEqual({ source: 'user-env', cliConfigFile: userRc });
  });

  test('GIVEN TF_CLI_CONFIG_FILE names a missing file WHEN resolved online THEN it is dropped from the child env', () => {
    const env = { TF_CLI_CONFIG_FILE: join(root, 'missing.tfrc'), PATH: '/usr/bin' };
    const result = resolveCliConfig({ stackDir, env, defaultMirror: mirror });
    expect(result).toEqual({ source: 'terraform-default' });
    expect(applyCliConfig(env, result)).toEqual({ PATH: '/usr/bin' });
  });

  test('GIVEN offline and no option WHEN the default mirror holds hashicorp/aws THEN it is used', () => {
    const result = resolveCliConfig({ stackDir, offline: true, env: { TF_CLI_CONFIG_FILE: join(root, 'missing') }, defaultMirror: mirror });
    expect(result.source).toBe('auto-mirror');
    expect(applyCliConfig({}, result).TF_CLI_CONFIG_FILE).toBe(join(stackDir, '.ftp-kit', 'terraformrc'));
  });

  test('GIVEN offline WHEN the default mirror is absent THEN terraform default is used', () => {
    expect(resolveCliConfig({ stackDir, offline: true, env: {}, defaultMirror: noMirror }).source).toBe('terraform-default');
  });

  test('fails when --provider-mirror is not a directory', () => {
    expect(() => resolveCliConfig({ stackDir, providerMirror: noMirror, env: {} })).toThrow(UsageError);
    expect(() => resolveCliConfig({ stackDir, providerMirror: noMirror, env: {} })).toThrow(
      /--provider-mirror "\/nonexistent\/ftp-kit-no-mirror" is not a directory/,
    );
  });

  test('fails when FTP_KIT_TF_CLI_CONFIG names a missing file', () => {
    expect(() => resolveCliConfig({ stackDir, env: { FTP_KIT_TF_CLI_CONFIG: join(root, 'nope') } })).toThrow(
      /FTP_KIT_TF_CLI_CONFIG ".*nope" does not exist/,
    );
  });

  test('GIVEN a mirror path with a quote WHEN rendered THEN it is escaped as an HCL string', () => {
    expect(renderMirrorCliConfig('/tmp/a"b')).toContain('path    = "/tmp/a\\"b"');
    expect(existsSync(stackDir)).toBe(true);
  });

  test('GIVEN a plugin cache WHEN rendered THEN init links the provider from it instead of copying 700 MB per stack', () => {
    const text = renderMirrorCliConfig('/opt/tf-plugins', '/var/cache/tf');
    expect(text).toMatch(/^plugin_cache_dir = "\/var\/cache\/tf"$/m);
    expect(text).toContain('plugin_cache_may_break_dependency_lock_file = true');
  });

  test("GIVEN TF_PLUGIN_CACHE_DIR THEN it is the cache; else one under the user's ~/.cache, made private", () => {
    expect(pluginCacheDir({ TF_PLUGIN_CACHE_DIR: join(root, 'mine') })).toBe(join(root, 'mine'));
    const dir = pluginCacheDir({ HOME: join(root, 'home') });
    expect(dir).toBe(join(root, 'home', '.cache', 'ftp-kit', 'terraform-plugins'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
