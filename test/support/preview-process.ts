/*
 * `ftp-kit preview` as a real process (the compiled CLI, as users run it), optionally inside a test bed
 * namespace: started, awaited until its `ready` line (bounded), stopped with a signal.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FtpKitConfig, FtpKitConfigInput } from '../../lib/config/schema';
import { CLI } from './cli';

export { CLI };

export interface PreviewProcessProps {
  /** Written to `<dir>/ftp-kit.config.json` (the CLI validates it). */
  readonly config: FtpKitConfigInput | FtpKitConfig;
  /** --dir: a folder the test owns. @default none: the preview makes (and removes) a temporary one */
  readonly dir?: string;
  /** Where the config file is written. @default dir */
  readonly configDir?: string;
  readonly listen?: string;
  readonly pasvAddress?: string;
  /** Run inside this network namespace (`ip netns exec`; the test bed kills what runs in its namespaces). @default this process's own */
  readonly netns?: string;
  /** Bound of the wait for `ready`. @default 30000 */
  readonly readyTimeoutMs?: number;
  /** More flags, e.g. --cert-file/--key-file. @default none */
  readonly extraArgs?: readonly string[];
}

export interface PreviewProcess {
  readonly child: ChildProcess;
  /** The preview's folder, as it printed it. */
  readonly dir: string;
  /** The `ready ftp://…` line. */
  readonly readyLine: string;
  /** D/credentials.json as written by the preview. */
  readonly credentials: Readonly<Record<string, string>>;
  /** D/etc/tls/cert.pem. */
  readonly certificate: string;
  /** Everything the CLI wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves (bounded) once `text` has appeared in the output. */
  waitForOutput(text: string, timeoutMs?: number): Promise<boolean>;
  /** Sends `signal` and resolves with the exit code once the CLI exited (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** PAM services a preview process `pid` made (ftp-kit-preview-<port>-<pid>[-n]): what its stop must remove. */
export function pamServicesOf(pid: number): string[] {
  return readdirSync('/etc/pam.d').filter((name) => new RegExp(`^ftp-kit-preview-\\d+-${pid}(-\\d+)?$`).test(name));
}

export async function startPreviewProcess(props: PreviewProcessProps): Promise<PreviewProcess> {
  const configDir = props.configDir ?? props.dir;
  if (!configDir) throw new Error('startPreviewProcess: give dir or configDir (where the config file goes)');
  const configFile = join(configDir, 'ftp-kit.config.json');
  writeFileSync(configFile, JSON.stringify(props.config, null, 2));
  const args = [
    'preview',
    '--config',
    configFile,
    ...(props.dir ? ['--dir', props.dir] : []),
    ...(props.listen ? ['--listen', props.listen] : []),
    ...(props.pasvAddress ? ['--pasv-address', props.pasvAddress] : []),
    ...(props.extraArgs ?? []),
  ];
  const child = props.netns
    ? spawn('ip', ['netns', 'exec', props.netns, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(CLI, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stopping: Promise<number | null> | undefined;

  const waitForOutput = (text: string, timeoutMs = 10000) =>
    new Promise<boolean>((resolve) => {
      if (output.includes(text)) return resolve(true);
      const check = () => {
        if (!output.includes(text)) return;
        finish(true);
      };
      const finish = (found: boolean) => {
        clearTimeout(timer);
        listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      listeners.add(check);
      void exited.then(() => finish(output.includes(text)));
    });

  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const code = await exited;
      clearTimeout(timer);
      // A preview that was SIGKILLed could not remove its PAM service: the test must not leave it.
      if (child.pid) for (const name of pamServicesOf(child.pid)) rmSync(join('/etc/pam.d', name), { force: true });
      return code;
    })();
    return stopping;
  };

  const ready = await waitForOutput('ready ftp://', props.readyTimeoutMs ?? 30000);
  if (!ready) {
    await stop('SIGTERM');
    throw new Error(`ftp-kit preview did not print its ready line; its output:\n${output}`);
  }
  const dir = /^server files in (\S+?)[;\s]/m.exec(output)![1];
  return {
    child,
    dir,
    readyLine: /^ready ftp:\/\/\S+$/m.exec(output)![0],
    credentials: JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')),
    certificate: readFileSync(join(dir, 'etc', 'tls', 'cert.pem'), 'utf8'),
    output: () => output,
    waitForOutput,
    stop,
  };
}
