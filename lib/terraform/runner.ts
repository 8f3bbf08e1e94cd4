import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { TerraformError } from './error';
import { withPluginCacheLock } from './init-lock';

// Re-exported where callers expect it; its own module spares what only reports it child_process.
export { TerraformError };

export interface TerraformRunnerProps {
  /** Dir holding cdk.tf.json. */
  readonly cwd: string;
  /** Full env for the child (already carrying TF_CLI_CONFIG_FILE, credentials, ...). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where terraform's own stdout/stderr is streamed verbatim. @default nothing is streamed */
  readonly output?: Writable;
  /** Adds -no-color. @default true unless `output` is a TTY */
  readonly noColor?: boolean;
  /** @default 'terraform' (or env FTP_KIT_TERRAFORM_BIN) */
  readonly terraformBin?: string;
  /**
   * The plugin cache this runner's CLI config names: init then waits until no other ftp-kit init
   * uses it (terraform's cache is not safe for two inits at once; init-lock.ts).
   * @default env TF_PLUGIN_CACHE_DIR, else no lock
   */
  readonly pluginCacheDir?: string;
}

export interface RunOptions {
  /** Keep stdout for the caller instead of streaming it (for `show -json`, `output -json`). */
  readonly captureStdout?: boolean;
  /** Stream nothing: the output is kept for the error only (init's chatter, probing the state). @default false */
  readonly quiet?: boolean;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

// Commands that take -input=false; `show` and `output` reject it.
const INTERACTIVE = new Set(['init', 'plan', 'apply', 'destroy']);
// Commands that take -no-color; `state list`/`state rm` have sub-subcommands and no color to remove.
const COLORED = new Set(['init', 'plan', 'apply', 'destroy', 'show', 'output', 'validate']);

export class TerraformRunner {
  private readonly bin: string;
  private readonly noColor: boolean;

  constructor(private readonly props: TerraformRunnerProps) {
    this.bin = props.terraformBin ?? (process.env.FTP_KIT_TERRAFORM_BIN || 'terraform');
    const tty = (props.output as { isTTY?: boolean } | undefined)?.isTTY === true;
    this.noColor = props.noColor ?? !tty;
  }

  /** The environment every terraform command of this runner gets (CLI config, credentials, flags). */
  get environment(): NodeJS.ProcessEnv {
    return { ...(this.props.env ?? process.env), TF_IN_AUTOMATION: '1' };
  }

  init(options: RunOptions = {}): Promise<RunResult> {
    const cache = this.props.pluginCacheDir ?? (this.environment.TF_PLUGIN_CACHE_DIR || undefined);
    if (cache === undefined) return this.run(['init'], options);
    return withPluginCacheLock(cache, () => this.run(['init'], options));
  }

  plan(planFile: string): Promise<RunResult> {
    return this.run(['plan', `-out=${planFile}`]);
  }

  apply(planFile: string): Promise<RunResult> {
    return this.run(['apply', planFile]);
  }

  /** Destroys everything in the state, without asking (the CLI asked first). */
  destroy(): Promise<RunResult> {
    return this.run(['destroy', '-auto-approve']);
  }

  /** Addresses of every resource in the state. */
  async stateList(): Promise<string[]> {
    try {
      // Quiet: "No state file was found!" (in red) is an answer here, not something to show.
      const { stdout } = await this.run(['state', 'list'], { captureStdout: true, quiet: true });
      return stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    } catch (err) {
      // No state yet is an empty state, not an error.
      if (err instanceof TerraformError && /No state file was found/i.test(err.stderr)) return [];
      throw err;
    }
  }

  /** Forgets resources without destroying them: they stay in the cloud, unmanaged. */
  stateRm(addresses: readonly string[]): Promise<RunResult> {
    return this.run(['state', 'rm', ...addresses]);
  }

  async showJson(planFile: string): Promise<unknown> {
    const { stdout } = await this.run(['show', '-json', planFile], { captureStdout: true });
    return JSON.parse(stdout);
  }

  async outputJson(): Promise<unknown> {
    const { stdout } = await this.run(['output', '-json'], { captureStdout: true });
    return JSON.parse(stdout);
  }

  /** Runs `terraform <command> [flags] <args>`; flags go right after the subcommand. */
  run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const [sub, ...rest] = args;
    const flags: string[] = [];
    if (INTERACTIVE.has(sub)) flags.push('-input=false');
    if (this.noColor && COLORED.has(sub)) flags.push('-no-color');
    const argv = [sub, ...flags, ...rest];
    const env = this.environment;
    const out = options.quiet ? undefined : this.props.output;
    return new Promise((resolvePromise, reject) => {
      const child = spawn(this.bin, argv, { cwd: this.props.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        if (options.captureStdout) stdout.push(chunk);
        else out?.write(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        out?.write(chunk);
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'ENOENT' ? new TerraformError(argv, null, `${this.bin} not found on PATH; install terraform >= 1.5`) : err);
      });
      child.on('close', (code) => {
        const result = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
        if (code === 0) resolvePromise(result);
        else reject(new TerraformError(argv, code, result.stderr));
      });
    });
  }
}
