import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { program } from '../../bin/cli';
import { COMMENT_MARKER } from '../../lib/review/markdown';
import { ftpKitCalls as callsOf, unknownFlags, words } from './ci-calls';

const FILE = path.join(__dirname, '..', '..', 'templates', 'ci', 'github-actions.yml');

/**
 * Actions the template may use: each exists on GitHub at this major version (checked by hand when
 * added; keep majors current and add new ones here deliberately).
 */
const KNOWN_ACTIONS = new Set([
  'actions/checkout@v4',
  'actions/setup-node@v4',
  'actions/github-script@v7',
  'hashicorp/setup-terraform@v3',
  'aws-actions/configure-aws-credentials@v4',
  'github/codeql-action/upload-sarif@v3',
]);

/** Programs a `run:` line may start with on ubuntu-latest (beside ftp-kit through npx). */
const KNOWN_PROGRAMS = new Set(['npm', 'npx', 'cat']);

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
}

describe('templates/ci/github-actions.yml', () => {
  const text = readFileSync(FILE, 'utf8');
  const workflow = parseYaml(text) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const runLines = steps
    .flatMap((s) => (s.run ?? '').split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
  const ftpKitCalls = callsOf(runLines);

  test('THEN it parses as YAML and runs on pull requests with the permissions its steps need', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toMatchObject({ 'pull-requests': 'write', 'security-events': 'write', contents: 'read' });
  });

  test('THEN it uses only actions known to exist, at their major versions', () => {
    const used = steps.filter((s) => s.uses).map((s) => s.uses!);
    expect(used.length).toBeGreaterThanOrEqual(5);
    for (const action of used) expect({ action, known: KNOWN_ACTIONS.has(action) }).toEqual({ action, known: true });
  });

  test('THEN every run line starts with a program ubuntu-latest has', () => {
    for (const line of runLines) expect({ line, known: KNOWN_PROGRAMS.has(words(line)[0]) }).toEqual({ line, known: true });
  });

  test('THEN every ftp-kit call names a verb and flags the CLI really has, with allowed values', () => {
    expect(ftpKitCalls.map((c) => c[0])).toEqual(['plan', 'review', 'review', 'review']);
    expect(unknownFlags(ftpKitCalls)).toEqual([]);
  });

  test('THEN it plans once, posts the Markdown as one comment it updates, uploads SARIF and fails on high findings', () => {
    const calls = ftpKitCalls.map((c) => c.join(' '));
    expect(calls[0]).toMatch(/^plan --config \$FTP_KIT_CONFIG --out plan.json/);
    expect(calls.slice(1)).toEqual([
      'review --plan plan.json --config $FTP_KIT_CONFIG --format md --fail-on none',
      'review --plan plan.json --config $FTP_KIT_CONFIG --format sarif --fail-on none',
      'review --plan plan.json --config $FTP_KIT_CONFIG --fail-on high',
    ]);
    const comment = steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
    expect(comment.with!.script).toContain(`'${COMMENT_MARKER}'`);
    expect(comment.with!.script).toContain('updateComment');
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!.with).toMatchObject({ sarif_file: 'review.sarif' });
    expect(steps[steps.length - 1].run).toContain('--fail-on high');
  });

  test("THEN the offline fallback uses the CLI's --offline flag when no AWS role is configured", () => {
    expect(text).toContain("OFFLINE: ${{ vars.AWS_ROLE_ARN == '' && '--offline' || '' }}");
    expect(program.commands.find((c: Command) => c.name() === 'plan')!.options.map((o) => o.long)).toContain('--offline');
  });
});
