import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors';

/** The mirror this machine image ships; used only for `--offline` when nothing else is configured. */
export const DEFAULT_OFFLINE_MIRROR = '/opt/tf-plugins';

export interface CliConfigProps {
  /** Stack working dir; a generated CLI config goes to `<stackDir>/.ftp-kit/terraformrc`. */
  readonly stackDir: string;
  /**
   * Provider mirror dir (filesystem_mirror layout), from `--provider-mirror`.
   * @default env FTP_KIT_PROVIDER_MIRROR
   */
  readonly providerMirror?: string;
  /**
   * Terraform CLI config file, from `--tf-cli-config`.
   * @default env FTP_KIT_TF_CLI_CONFIG
   */
  readonly tfCliConfig?: string;
  /**
   * Offline planning: allows falling back to DEFAULT_OFFLINE_MIRROR.
   * @default false
   */
  readonly offline?: boolean;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Dir probed for the offline fallback (tests point it elsewhere).
   * @default DEFAULT_OFFLINE_MIRROR
   */
  readonly defaultMirror?: string;
}

export type CliConfigSource = 'mirror-option' | 'cli-config-option' | 'user-env' | 'auto-mirror' | 'terraform-default';

export interface CliConfigResult {
  /** Value for TF_CLI_CONFIG_FILE in child processes; undefined means "unset it". */
  readonly cliConfigFile?: string;
  readonly source: CliConfigSource;
  /** Mirror dir in use, when a config was generated. */
  readonly mirrorDir?: string;
  /** The plugin cache the generated config names: init locks it (init-lock.ts). */
  readonly pluginCacheDir?: string;
}

/**
 * The CLI config for a filesystem mirror. With `pluginCacheDir`, init links the provider from that
 * cache instead of copying it into every stack folder (hashicorp/aws is a 700 MB binary).
 */
export function renderMirrorCliConfig(mirrorDir: string, pluginCacheDir?: string): string {
  // HCL strings share JSON's escaping for the characters a path can contain.
  const path = JSON.stringify(resolve(mirrorDir));
  const cache =
    pluginCacheDir === undefined
      ? []
      : [
          `plugin_cache_dir = ${JSON.stringify(resolve(pluginCacheDir))}`,
          // Stacks are synthesized fresh, without a lock file; the mirror is the only source anyway.
          'plugin_cache_may_break_dependency_lock_file = true',
        ];
  return [
    ...cache,
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${path}`,
    '    include = ["registry.terraform.io/*/*"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The user's own plugin cache (TF_PLUGIN_CACHE_DIR), else one under ~/.cache: never a shared, world-writable folder. */
export function pluginCacheDir(env: NodeJS.ProcessEnv): string {
  const dir = env.TF_PLUGIN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'ftp-kit', 'terraform-plugins');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function writeMirrorConfig(stackDir: string, mirrorDir: string, env: NodeJS.ProcessEnv): { cliConfigFile: string; pluginCacheDir: string } {
  const dir = join(stackDir, '.ftp-kit');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraformrc');
  const cache = pluginCacheDir(env);
  writeFileSync(file, renderMirrorCliConfig(mirrorDir, cache));
  return { cliConfigFile: resolve(file), pluginCacheDir: resolve(cache) };
}

/**
 * Decides how terraform finds providers, in this order: explicit mirror (option, then env),
 * explicit CLI config file (option, then env), the user's TF_CLI_CONFIG_FILE when it names an
 * existing file, then — only with `offline` — DEFAULT_OFFLINE_MIRROR when it holds hashicorp/aws,
 * else terraform's own default (~/.terraformrc). A TF_CLI_CONFIG_FILE naming a missing file is
 * dropped because terraform would warn about it on every command.
 *
 * The offline fallback is limited to `--offline` because online runs happen where the registry is
 * reachable and the user's own set-up should stay authoritative there.
 */
export function resolveCliConfig(props: CliConfigProps): CliConfigResult {
  const env = props.env ?? process.env;
  const mirror = props.providerMirror ?? (env.FTP_KIT_PROVIDER_MIRROR || undefined);
  const cliConfig = props.tfCliConfig ?? (env.FTP_KIT_TF_CLI_CONFIG || undefined);
  if (mirror !== undefined) {
    const flag = props.providerMirror !== undefined ? '--provider-mirror' : 'FTP_KIT_PROVIDER_MIRROR';
    if (!isDir(mirror)) {
      throw new UsageError(
        `${flag} "${mirror}" is not a directory; give a provider mirror dir in filesystem_mirror layout (e.g. /opt/tf-plugins).`,
      );
    }
    return { ...writeMirrorConfig(props.stackDir, mirror, env), source: 'mirror-option', mirrorDir: resolve(mirror) };
  }
  if (cliConfig !== undefined) {
    const flag = props.tfCliConfig !== undefined ? '--tf-cli-config' : 'FTP_KIT_TF_CLI_CONFIG';
    if (!isFile(cliConfig)) {
      throw new UsageError(`${flag} "${cliConfig}" does not exist; give an existing terraform CLI config file or drop the option.`);
    }
    return { cliConfigFile: resolve(cliConfig), source: 'cli-config-option' };
  }
  const userFile = env.TF_CLI_CONFIG_FILE;
  if (userFile && isFile(userFile)) return { cliConfigFile: userFile, source: 'user-env' };
  const fallback = props.defaultMirror ?? DEFAULT_OFFLINE_MIRROR;
  if (props.offline && existsSync(join(fallback, 'registry.terraform.io', 'hashicorp', 'aws'))) {
    return { ...writeMirrorConfig(props.stackDir, fallback, env), source: 'auto-mirror', mirrorDir: resolve(fallback) };
  }
  return { source: 'terraform-default' };
}

/** Applies a result to a child-process env (copy): sets or removes TF_CLI_CONFIG_FILE. */
export function applyCliConfig(env: NodeJS.ProcessEnv, result: CliConfigResult): NodeJS.ProcessEnv {
  const out = { ...env };
  if (result.cliConfigFile) out.TF_CLI_CONFIG_FILE = result.cliConfigFile;
  else delete out.TF_CLI_CONFIG_FILE;
  return out;
}
