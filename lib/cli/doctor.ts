import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../config/load';
import { DoctorReport, runDoctor } from '../doctor/doctor';
import { colorEnabled, painter } from '../color';
import { CheckPrinter, formatSummary, reportJson } from '../doctor/report';

/** A mistake in doctor's own flags: exit 2, as the doctor's contract says (1 means the server failed a check). */
export class DoctorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DoctorUsageError';
  }
}

export interface DoctorCommandOptions {
  /** A config whose controlPort and passivePorts stand in for --port and --expect-passive. */
  readonly config?: string;
  readonly port?: string;
  readonly user?: string;
  readonly passwordEnv?: string;
  readonly expectPassive?: string;
  readonly ca?: string;
  readonly insecure?: boolean;
  readonly json?: boolean;
  readonly timeout?: string;
  /** Print the control-channel transcript (passwords masked) to stderr. */
  readonly verbose?: boolean;
  /** commander's --no-color. @default true */
  readonly color?: boolean;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new DoctorUsageError(`${flag}: ${JSON.stringify(text)} — is not a whole number in ${min}–${max}`);
  return n;
}

/** Checks the flags and turns them into DoctorProps; every mistake is a DoctorUsageError. */
export function doctorProps(host: string, opts: DoctorCommandOptions, env: NodeJS.ProcessEnv = process.env) {
  // Only an explicit --config: a partner runs the doctor anywhere, next to whatever files are there.
  const config = opts.config === undefined ? undefined : loadConfig(opts.config).config;
  const port = opts.port === undefined ? (config?.controlPort ?? 21) : wholeNumber('--port', opts.port, 1, 65535);
  const timeoutSeconds = opts.timeout === undefined ? 10 : wholeNumber('--timeout', opts.timeout, 1, 600);
  let expectPassive: { from: number; to: number } | undefined;
  if (opts.expectPassive !== undefined) {
    const match = /^(\d+)-(\d+)$/.exec(opts.expectPassive);
    const [from, to] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
    if (!match || from > to || from < 1 || to > 65535)
      throw new DoctorUsageError(
        `--expect-passive: ${JSON.stringify(opts.expectPassive)} — write the range as FROM-TO, e.g. --expect-passive 40000-40599`,
      );
    expectPassive = { from, to };
  } else if (config) {
    expectPassive = { ...config.passivePorts };
  }
  if (opts.ca && opts.insecure)
    throw new DoctorUsageError('--ca and --insecure: give one of them — --ca FILE verifies the certificate, --insecure does not');
  if (opts.ca && !existsSync(opts.ca))
    throw new DoctorUsageError(
      `--ca: ${JSON.stringify(opts.ca)} — does not exist — give the PEM file of the server's certificate or its CA`,
    );
  if (opts.passwordEnv && !opts.user)
    throw new DoctorUsageError('--password-env: needs --user — name the user whose password the variable holds');
  let password: string | undefined;
  if (opts.user) {
    if (!opts.passwordEnv)
      throw new DoctorUsageError(
        '--user: needs --password-env VAR — the password is read from an ' +
          'environment variable, never from the command line (where ps shows it)',
      );
    password = env[opts.passwordEnv];
    if (!password)
      throw new DoctorUsageError(
        `--password-env: ${opts.passwordEnv} — is not set or empty — export ` +
          `it first, e.g. ${opts.passwordEnv}=$(aws secretsmanager ` +
          `get-secret-value …)`,
      );
    if (/[\r\n]/.test(opts.user) || /[\r\n]/.test(password))
      throw new DoctorUsageError('--user / password: contain a line break — FTP commands are one line');
  }
  return {
    host,
    port,
    timeoutSeconds,
    expectPassive,
    insecure: opts.insecure === true,
    user: opts.user,
    password,
    ca: opts.ca ? readFileSync(opts.ca, 'utf8') : undefined,
  };
}

export interface DoctorOutput {
  readonly out: (text: string) => void;
  /** The --verbose transcript. */
  readonly err: (text: string) => void;
  readonly color: boolean;
}

const STDIO: DoctorOutput = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  get color() {
    return colorEnabled(process.stdout);
  },
};

/** Runs the doctor, printing each check as it ends (or JSON at the end); returns the exit code. */
export async function runDoctorCommand(
  host: string,
  opts: DoctorCommandOptions,
  output: DoctorOutput = STDIO,
): Promise<{ code: number; report: DoctorReport }> {
  const props = doctorProps(host, opts);
  const paint = painter(output.color && opts.color !== false);
  const printer = new CheckPrinter(output.out, paint);
  if (!opts.json) output.out(`ftp-kit doctor ${props.host}:${props.port}${props.user ? ` as ${props.user}` : ''}\n`);
  const report = await runDoctor({
    ...props,
    onCheck: opts.json ? undefined : (check) => printer.push(check),
    transcript: opts.verbose ? (direction, line) => output.err(`  ${direction} ${line}\n`) : undefined,
  });
  printer.flush();
  output.out(opts.json ? reportJson(report) : `${formatSummary(report, paint)}\n`);
  return { code: report.ok ? 0 : 1, report };
}
