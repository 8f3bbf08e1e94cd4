/*
 * The first-boot script's secret storage, run for real in bash: the script is sourced (it then only
 * defines its functions), `aws` and `sleep` are stand-ins that record what they were asked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateConfig } from '../../lib/config';
import { renderBootstrapScript } from '../../lib/render';

describe('bootstrap.sh', () => {
  const config = validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'alice', write: true }] });
  const script = renderBootstrapScript(config, {
    publicAddress: '198.51.100.50',
    dataVolumeId: 'vol-0123456789abcdef0',
    secretArns: { alice: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ftp/alice-AbCdEf' },
  });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-bootstrap-'));
    writeFileSync(path.join(dir, 'bootstrap.sh'), script);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Sources the script, fakes `aws` (refusing the first `refusals` calls) and `sleep`, then runs `body`. */
  function run(refusals: number, body: string) {
    const prelude = `
      source ./bootstrap.sh
      # aws runs in a pipeline's subshell: it counts its calls in a file.
      aws() {
        echo x >>calls; local s; s=$(cat)
        if [ "$(wc -l <calls)" -le ${refusals} ]; then echo "AccessDenied" >&2; return 254; fi
        printf '%s' "$s" >stored
      }
      sleep() { printf '%s\\n' "$1" >>slept; }
    `;
    for (const name of ['stored', 'slept', 'calls']) rmSync(path.join(dir, name), { force: true });
    const result = spawnSync('bash', ['-c', `${prelude}\n${body}`], { cwd: dir, encoding: 'utf8', timeout: 10000 });
    const read = (name: string) => {
      try {
        return readFileSync(path.join(dir, name), 'utf8');
      } catch {
        return undefined;
      }
    };
    return { ...result, stored: read('stored'), slept: read('slept')?.trim().split('\n') ?? [] };
  }

  test(
    'GIVEN Secrets Manager refuses three times (a fresh role) WHEN a password is stored ' +
      'THEN it is retried with a doubling delay and stored',
    () => {
      const result = run(3, 'printf "s3cret" | store_password arn:x && echo stored-ok');
      expect(result.stdout).toContain('stored-ok');
      expect(result.stored).toBe('s3cret');
      expect(result.slept).toEqual(['2', '4', '8']);
      expect(result.stdout).toContain('Secrets Manager refused arn:x (try 3 of 8): retrying in 8 s');
      expect(result.stdout).not.toContain('s3cret');
    },
  );

  test('fails when Secrets Manager never accepts: 8 tries, bounded delays, then a non-zero status', () => {
    const result = run(100, 'if printf "s3cret" | store_password arn:x; then echo status=0; else echo status=1; fi');
    expect(result.stdout).toContain('status=1');
    expect(result.stored).toBeUndefined();
    expect(result.slept).toEqual(['2', '4', '8', '16', '32', '32', '32']);
  });

  test('fails when a password could not be stored: the script serves the others, then exits 1 with an error line', () => {
    const stubs = ['install_packages', 'install_ssm_agent', 'mount_data_volume', 'prepare_state', 'make_certificate', 'start_services']
      .map((f) => `${f}() { echo "${f}"; }`)
      .join('\n');
    const result = run(0, `${stubs}\nmake_jails_and_passwords() { STORE_FAILED=1; }\nmain`);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('start_services');
    expect(result.stdout).toMatch(/ftp-kit-bootstrap: error: some passwords could not be stored in Secrets Manager/);
  });
});
