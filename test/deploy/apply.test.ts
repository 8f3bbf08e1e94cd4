/*
 * deploy's apply, readiness and doctor steps with the real terraform and a real server: a stack that
 * needs no cloud (terraform_data; its outputs point at `ftp-kit preview` on this machine's loopback),
 * applied by the same code path as a real deploy.
 */
import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { validateConfig } from '../../lib/config/load';
import { DEFAULTS, FtpKitConfigInput } from '../../lib/config/schema';
import { deploy, DeployResult, DeployStopped } from '../../lib/deploy/deploy';
import { freePort } from '../../lib/local/ports';
import { reviewGate } from '../../lib/review/gate';
import { PreviewProcess, startPreviewProcess } from '../support/preview-process';
import { scratchDir, Teardown } from '../integration/nat';
import { writeNoCloudStack } from './no-cloud-stack';

jest.setTimeout(120000);

const quiet = () => {
  const s = new PassThrough();
  s.resume();
  return s;
};
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: '1' };
const reviewer = (plan: unknown, config: Parameters<typeof reviewGate>[1]) => reviewGate(plan, config);
const PASSIVE = { from: 50200, to: 50249 };

describe('GIVEN a stack whose outputs point at a running preview', () => {
  const teardown = new Teardown();
  const lines: string[] = [];
  let preview: PreviewProcess;
  let result: DeployResult;
  beforeAll(async () => {
    try {
      const port = await freePort('127.0.0.1', PASSIVE);
      const input: FtpKitConfigInput = {
        name: 'nocloud',
        controlPort: port,
        passivePorts: PASSIVE,
        allow: ['198.51.100.0/24'],
        users: [{ name: 'alice', write: true }],
      };
      preview = await startPreviewProcess({ config: input, dir: scratchDir(teardown, 'ftp-kit-apply-'), listen: '127.0.0.1' });
      teardown.add(() => preview.stop());
      const stackDir = writeNoCloudStack({ host: '127.0.0.1', port });
      teardown.add(() => rmSync(stackDir, { recursive: true, force: true }));
      // WHEN it is deployed with --yes
      result = await deploy({
        config: validateConfig(input),
        reviewer,
        stackDir,
        yes: true,
        readyTimeoutSeconds: 60,
        log: (l) => lines.push(l),
        output: quiet(),
        env,
      });
    } catch (err) {
      await teardown.run();
      throw err;
    }
  });
  afterAll(() => teardown.run());

  test('THEN it applies, waits for the banner and runs the doctor, in that order', () => {
    const steps = lines.filter((l) => /^\[\d\/7\]/.test(l)).map((l) => l.slice(0, 5));
    expect(steps).toEqual(['[1/7]', '[2/7]', '[3/7]', '[4/7]', '[5/7]', '[6/7]', '[7/7]']);
    expect(lines.find((l) => l.startsWith('[5/7]'))).toBe('[5/7] terraform apply');
    expect(lines.find((l) => l.startsWith('[6/7]'))).toMatch(/waiting for 127\.0\.0\.1:\d+ to greet/);
    expect(result.applied).toBe(true);
    expect(result.doctor!.ok).toBe(true);
    expect(result.doctor!.checks.find((c) => c.id === 'banner')).toMatchObject({
      status: 'pass',
      detail: '220 Authorized access only. Activity is logged.',
    });
  });

  test("THEN it prints the endpoint, the certificate fingerprint the server really has, and each user's password command", () => {
    const text = lines.join('\n');
    const fingerprint = new X509Certificate(preview.certificate).fingerprint256;
    expect(text).toMatch(/endpoint: +ftp:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain(`certificate:  SHA-256 ${fingerprint}`);
    expect(text).toContain(
      'alice: aws secretsmanager get-secret-value --region us-east-1 --secret-id ' +
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:ftp-kit/nocloud/alice-AbCdEf ' +
        '--query SecretString --output text',
    );
  });

  test('THEN no password appears in what deploy printed', () => {
    expect(lines.join('\n')).not.toContain(preview.credentials.alice);
  });
});

describe('GIVEN a stack whose server never answers', () => {
  let error: unknown;
  let stackDir: string;
  beforeAll(async () => {
    // Outside the default passive range, or the config below is (rightly) refused.
    const port = await freePort('127.0.0.1', { from: DEFAULTS.passivePorts.from, to: DEFAULTS.passivePorts.to });
    stackDir = writeNoCloudStack({ host: '127.0.0.1', port });
    const config = validateConfig({
      name: 'nocloud',
      controlPort: port,
      allow: ['198.51.100.0/24'],
      users: [{ name: 'alice', write: true }],
    });
    try {
      await deploy({ config, reviewer, stackDir, yes: true, readyTimeoutSeconds: 3, log: () => undefined, output: quiet(), env });
    } catch (err) {
      error = err;
    }
  });
  afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

  test('fails when the banner does not come within the bound: the message points at the console output command', () => {
    expect(error).toBeInstanceOf(DeployStopped);
    expect((error as Error).message).toMatch(/the server was created but did not answer on 127\.0\.0\.1:\d+ within 3 s/);
    expect((error as Error).message).toContain(
      'aws ec2 get-console-output --region us-east-1 --instance-id i-0123456789abcdef0 --latest --output text',
    );
  });
});
