import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ftpKitCalls, unknownFlags, words } from './ci-calls';

const FILE = path.join(__dirname, '..', '..', 'templates', 'ci', 'gitlab-ci.yml');

interface Job {
  readonly image: string;
  readonly rules: ReadonlyArray<{ readonly if: string }>;
  readonly before_script: string[];
  readonly script: string[];
  readonly artifacts: { readonly when: string; readonly paths: string[]; readonly reports: { readonly junit: string } };
}

describe('GIVEN templates/ci/gitlab-ci.yml', () => {
  const job = (parseYaml(readFileSync(FILE, 'utf8')) as Record<string, Job>)['ftp-kit-review'];
  const calls = ftpKitCalls(job.script);

  test('THEN it parses as YAML into one job that runs on merge requests in a Debian node image', () => {
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(job.image).toMatch(/^node:20-bookworm$/);
  });

  test("THEN its set-up installs terraform from HashiCorp's signed apt repository and the npm packages", () => {
    expect(job.before_script.join('\n')).toMatch(/signed-by=\/usr\/share\/keyrings\/hashicorp\.gpg/);
    expect(job.before_script.map((l) => words(l)[0])).toEqual(['apt-get', 'curl', 'echo', 'apt-get', 'npm']);
  });

  test('THEN every ftp-kit call names a verb and flags the CLI really has, with allowed values', () => {
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(unknownFlags(calls)).toEqual([]);
  });

  test('THEN it plans once, writes Markdown, SARIF and JUnit, and fails the job on high findings last', () => {
    expect(calls.map((c) => c.join(' '))).toEqual([
      'plan --config $FTP_KIT_CONFIG --out plan.json --offline',
      'review --plan plan.json --config $FTP_KIT_CONFIG --format md --fail-on none',
      'review --plan plan.json --config $FTP_KIT_CONFIG --format sarif --fail-on none',
      'review --plan plan.json --config $FTP_KIT_CONFIG --format junit --fail-on none',
      'review --plan plan.json --config $FTP_KIT_CONFIG --fail-on high',
    ]);
    expect(job.script[job.script.length - 1]).toContain('--fail-on high');
  });

  test('THEN the reports stay as artifacts, also when the job fails, and GitLab reads the JUnit one', () => {
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.paths).toEqual(['plan.json', 'review.md', 'review.sarif', 'review.junit.xml']);
    expect(job.artifacts.reports.junit).toBe('review.junit.xml');
  });

  test('fails when a call names a flag the CLI does not have (the check above can fail)', () => {
    expect(
      unknownFlags([
        ['review', '--no-such-flag'],
        ['review', '--format', 'pdf'],
      ]),
    ).toEqual(['review --no-such-flag', 'review --format pdf']);
  });
});
