import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { stringify } from 'yaml';
import { ConfigError, ConfigProblem, DEFAULT_CONFIG_FILES, formatProblems, validateConfig } from '../config/load';
import { DEFAULTS, TLS_MODES } from '../config/schema';
import { packageRoot } from '../package-root';
import { UsageError } from './errors';

export interface InitProps {
  /** CIDRs that may connect. Asked for on a terminal when absent. */
  readonly allow?: readonly string[];
  /** `name` or `name:rw` (may upload) / `name:ro`. Asked for on a terminal when absent. */
  readonly users?: readonly string[];
  /** @default us-east-1 */
  readonly region?: string;
  /** @default self-signed */
  readonly tls?: string;
  /** Take defaults for everything not given, never ask. @default false */
  readonly yes?: boolean;
  /** Write ftp-kit.config.json instead of .yaml. @default false */
  readonly json?: boolean;
  /** The file to write (JSON when it ends in .json, else YAML). @default ./ftp-kit.config.yaml (.json with `json`) */
  readonly config?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Whether a person can answer questions. @default process.stdin.isTTY */
  readonly interactive?: boolean;
}

function parseUser(spec: string): { name: string; write: boolean } {
  const [name, access = 'ro'] = spec.split(':');
  if (!['ro', 'rw'].includes(access))
    throw new UsageError(`--user: ${JSON.stringify(spec)} — access must be rw or ro — write e.g. --user partner1:rw`);
  return { name, write: access === 'rw' };
}

const splitList = (answer: string) => answer.split(/[\s,]+/).filter(Boolean);

/**
 * Questions on the terminal through one readline interface for the whole run: a second interface
 * would lose what the first one had already read ahead (typed-ahead or pasted answers).
 */
class Prompter {
  private rl?: ReturnType<typeof createInterface>;
  // The iterator buffers lines that arrive before their question (readline's question() drops them).
  private lines?: AsyncIterator<string>;

  async ask(question: string): Promise<string> {
    if (!this.rl) {
      this.rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
      this.lines = this.rl[Symbol.asyncIterator]();
    }
    process.stderr.write(question);
    const next = await this.lines!.next();
    if (next.done) throw new UsageError('init cancelled: no answer (end of input) — nothing was written');
    return next.value.trim();
  }

  close(): void {
    this.rl?.close();
  }
}

function yamlWithComments(config: Record<string, unknown>, schemaRef: string): string {
  const body = stringify(config, { lineWidth: 0 });
  return [
    `# yaml-language-server: $schema=${schemaRef}`,
    '# ftp-kit config: the one source of truth for the security group, vsftpd, the host firewall and',
    '# cloud-init. Reference: README.md ("Config reference"). Check it with `ftp-kit synth`.',
    '#',
    '# allow:        source CIDRs that may connect (0.0.0.0/0 is refused unless allowPublic: true)',
    '# users:        virtual users; write: true may upload. Passwords are generated on the server',
    '#               and stored in AWS Secrets Manager, never in this file.',
    `# passivePorts: data ports, opened in the security group and set in ` +
      `vsftpd (default ${DEFAULTS.passivePorts.from}-${DEFAULTS.passivePorts.to})`,
    '',
    body,
  ].join('\n');
}

/** Writes a new, validated config; returns its path. Refuses to overwrite one. */
export async function runInit(props: InitProps): Promise<string> {
  const cwd = props.cwd ?? process.cwd();
  const file = path.resolve(cwd, props.config ?? (props.json ? 'ftp-kit.config.json' : 'ftp-kit.config.yaml'));
  const candidates = props.config ? [file] : DEFAULT_CONFIG_FILES.map((n) => path.join(cwd, n));
  const existing = candidates.find(existsSync);
  if (existing)
    throw new UsageError(
      `${path.relative(cwd, existing)} already exists — ftp-kit init never overwrites a config; edit it, or move it away first`,
    );
  const interactive = (props.interactive ?? Boolean(process.stdin.isTTY)) && !props.yes;
  const prompter = new Prompter();
  try {
    return await writeConfig(file, cwd, props, interactive, prompter);
  } finally {
    prompter.close();
  }
}

/** Valid stand-ins for the fields not asked yet: an answer is checked alone, against the real schema. */
const PLACEHOLDERS: Record<string, unknown> = { allow: ['192.0.2.0/24'], users: [{ name: 'placeholder' }] };

/** The problems the schema finds in one field of a config made of `value` and valid stand-ins. */
function problemsOf(field: string, value: unknown): ConfigProblem[] {
  try {
    validateConfig({ ...PLACEHOLDERS, [field]: value }, '(from init)');
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.filter(
      (p) =>
        p.field === field ||
        p.field.startsWith(`${field}[`) ||
        p.field.startsWith(`${field}.`) ||
        (field === 'allow' && p.field === 'allowPublic'),
    );
  }
}

/** Bound on re-asking one question: a script piping wrong answers must end. */
const TRIES = 5;

/**
 * Asks until the answer is valid for its field, saying what is wrong each time: one mistake costs one
 * answer, not every answer before it.
 */
async function askField<T>(prompter: Prompter, question: string, field: string, parse: (answer: string) => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await prompter.ask(question);
    let problem: string;
    try {
      const value = parse(answer);
      const problems = problemsOf(field, value);
      if (problems.length === 0) return value;
      problem = formatProblems(problems, '(your answer)');
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      problem = err.message;
    }
    if (attempt >= TRIES) {
      throw new UsageError(`init cancelled: ${TRIES} answers to "${question.trim()}" were not valid — nothing was written\n${problem}`);
    }
    process.stderr.write(`${problem}\ntry again:\n`);
  }
}

async function writeConfig(file: string, cwd: string, props: InitProps, interactive: boolean, prompter: Prompter): Promise<string> {
  let allow = props.allow ? [...props.allow] : undefined;
  let users = props.users ? props.users.map(parseUser) : undefined;
  let region = props.region;
  let tls = props.tls;
  if (!allow?.length) {
    if (!interactive)
      throw new UsageError('--allow: (missing) — no safe default exists — pass the CIDRs that may connect, e.g. --allow 198.51.100.0/24');
    allow = await askField(prompter, 'CIDRs that may connect (e.g. 198.51.100.0/24 2001:db8::/32): ', 'allow', splitList);
  }
  if (!users?.length) {
    if (!interactive) throw new UsageError('--user: (missing) — pass at least one user, e.g. --user partner1:rw');
    users = await askField(prompter, 'Users (name, or name:rw to allow uploads): ', 'users', (a) => splitList(a).map(parseUser));
  }
  if (!region && interactive) region = await askField(prompter, `AWS region (${DEFAULTS.region}): `, 'region', (a) => a || DEFAULTS.region);
  if (!tls && interactive) {
    const question = `TLS mode, one of: ${TLS_MODES.join(', ')} (self-signed): `;
    const mode = await askField(prompter, question, 'tls', (a) => ({ mode: a || 'self-signed' }));
    tls = mode.mode;
  }
  const config: Record<string, unknown> = {
    name: DEFAULTS.name,
    region: region ?? DEFAULTS.region,
    controlPort: DEFAULTS.controlPort,
    passivePorts: { ...DEFAULTS.passivePorts },
    allow,
    users,
    tls: { mode: tls ?? 'self-signed' },
  };
  validateConfig(config, '(from init)');
  const schemaRef = path.relative(path.dirname(file), path.join(packageRoot(), 'schema', 'ftp-kit.schema.json')) || 'ftp-kit.schema.json';
  const json = props.json || file.endsWith('.json');
  const text = json ? `${JSON.stringify({ $schema: schemaRef, ...config }, null, 2)}\n` : yamlWithComments(config, schemaRef);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return file;
}
