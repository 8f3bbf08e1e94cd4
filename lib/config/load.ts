import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { archOfInstanceType, configSchema, CrossFieldIssue, crossFieldIssues, FtpKitConfig, sessionLimits } from './schema';

export const DEFAULT_CONFIG_FILES = ['ftp-kit.config.json', 'ftp-kit.config.yaml', 'ftp-kit.config.yml'];

export interface ConfigProblem {
  /** Dotted path of the field, e.g. `passivePorts.from` or `users[1].name`. */
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** Bad user input: every problem of the config at once, one line each. */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly source?: string,
  ) {
    super(formatProblems(problems, source));
    this.name = 'ConfigError';
  }
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblems(problems: readonly ConfigProblem[], source?: string): string {
  const head = `invalid config${source ? ` ${source}` : ''} (${problems.length} problem${problems.length === 1 ? '' : 's'}):`;
  return [head, ...problems.map((p) => `  ${p.field}: ${formatValue(p.value)} — ${p.problem} — ${p.fix}`)].join('\n');
}

function fieldName(pathParts: readonly PropertyKey[]): string {
  // A key that is no plain word (a tag key with a colon or a line break) is quoted: one line, unambiguous.
  const key = (part: PropertyKey) =>
    typeof part === 'string' && !/^[A-Za-z_$][\w$-]*$/.test(part) ? `[${JSON.stringify(part)}]` : undefined;
  return (
    pathParts.reduce<string>(
      (acc, part) =>
        typeof part === 'number'
          ? `${acc}[${part}]`
          : key(part) !== undefined
            ? `${acc}${key(part)}`
            : acc
              ? `${acc}.${String(part)}`
              : String(part),
      '',
    ) || '(config)'
  );
}

function valueAt(root: unknown, pathParts: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const part of pathParts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function toProblems(zodIssues: readonly z.core.$ZodIssue[], crossIssues: readonly CrossFieldIssue[], raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (let issue of [...zodIssues, ...crossIssues.map((c) => ({ ...c, code: 'custom' as const }))]) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          field: fieldName([...issue.path, key]),
          value: valueAt(raw, [...issue.path, key]),
          problem: 'is not a known field',
          fix: 'remove it or check its spelling against the config reference (README)',
        });
      }
      continue;
    }
    // A bad record key (a tag key) carries its own message inside: zod's outer one says only "Invalid key in record".
    if (issue.code === 'invalid_key') {
      issue = { ...issue, input: issue.path[issue.path.length - 1], message: issue.issues[0]?.message ?? issue.message };
    }
    const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined && !issue.message.startsWith('is required');
    const [problem, fix] = missing
      ? ['is required', 'add it (see the config reference in README.md)']
      : issue.message.includes(' — ')
        ? issue.message.split(' — ', 2)
        : [issue.message.replace(/^Invalid input: /, ''), 'see the config reference in README.md'];
    let pathParts: readonly PropertyKey[] = issue.path;
    // `allow` entries may be plain strings that the schema turned into { cidr }: name the entry itself.
    if (pathParts[pathParts.length - 1] === 'cidr' && typeof valueAt(raw, pathParts.slice(0, -1)) === 'string')
      pathParts = pathParts.slice(0, -1);
    const value = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(raw, pathParts);
    problems.push({ field: fieldName(pathParts), value, problem, fix });
  }
  return problems;
}

/** Validates a parsed config object; throws one ConfigError listing every problem. */
export function validateConfig(raw: unknown, source?: string): FtpKitConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(
      [
        {
          field: '(config)',
          value: raw,
          problem: 'is not an object',
          fix: 'write a JSON or YAML object such as { "allow": [...], "users": [...] }',
        },
      ],
      source,
    );
  }
  const result = configSchema.safeParse(raw);
  const cross = crossFieldIssues(raw);
  if (!result.success || cross.length > 0) throw new ConfigError(toProblems(result.error?.issues ?? [], cross, raw), source);
  const { $schema: _ignored, ...parsed } = result.data;
  const limits = { ...parsed.limits, ...(sessionLimits(raw) as { maxClients: number; maxPerIp: number }) };
  const instance = { type: parsed.instance.type, arch: parsed.instance.arch ?? archOfInstanceType(parsed.instance.type) };
  return { ...parsed, limits, instance };
}

/** Parses config text: YAML for .yaml/.yml, JSON otherwise (YAML is a superset, but JSON errors read better). */
export function parseConfigText(text: string, file: string): unknown {
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      [
        {
          field: '(file)',
          value: file,
          problem: `cannot be parsed: ${(err as Error).message.split('\n')[0]}`,
          fix: 'fix the syntax (JSON for .json, YAML for .yaml/.yml)',
        },
      ],
      file,
    );
  }
}

/** Finds the config: the explicit path, else ./ftp-kit.config.{json,yaml,yml}. */
export function resolveConfigPath(explicit: string | undefined, cwd = process.cwd()): string {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file))
      throw new ConfigError([
        {
          field: '--config',
          value: explicit,
          problem: 'does not exist',
          fix: 'give the path of your ftp-kit config, or run `ftp-kit init` to write one',
        },
      ]);
    return file;
  }
  for (const name of DEFAULT_CONFIG_FILES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new ConfigError([
    {
      field: '--config',
      value: undefined,
      problem: `no ${DEFAULT_CONFIG_FILES.join(', ')} in ${cwd}`,
      fix: 'pass --config FILE, or run `ftp-kit init` to write one',
    },
  ]);
}

/** Reads, parses and validates the config file. */
export function loadConfig(explicit?: string, cwd = process.cwd()): { config: FtpKitConfig; file: string } {
  const file = resolveConfigPath(explicit, cwd);
  const raw = parseConfigText(readFileSync(file, 'utf8'), file);
  return { config: validateConfig(raw, path.relative(cwd, file) || file), file };
}
