/*
 * The container's self-registration (templates/container/targets.sh) against the recorded contract
 * of the ELB API as the AWS CLI takes it: there is no AWS here, so a stand-in `aws` on PATH records
 * its argv, and a local HTTP server answers as the ECS task metadata endpoint v4 does (the
 * response below is the documented shape of a Fargate container's metadata).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../templates/container/targets.sh');
const ARN = (port: number) => `arn:aws:elasticloadbalancing:eu-central-1:111122223333:targetgroup/drop-p${port}/0123456789abcdef`;

/** ECS task metadata v4, `${ECS_CONTAINER_METADATA_URI_V4}` (container) of a Fargate task, abridged. */
const CONTAINER_METADATA = {
  DockerId: 'cd189a933e5849daa93386466019ab50-2495160603',
  Name: 'vsftpd',
  Image: '111122223333.dkr.ecr.eu-central-1.amazonaws.com/ftp-kit/drop:cfg-0123456789abcdef',
  Limits: { CPU: 2 },
  Type: 'NORMAL',
  Networks: [
    {
      NetworkMode: 'awsvpc',
      IPv4Addresses: ['10.0.0.106'],
      AttachmentIndex: 0,
      MACAddress: '06:d7:3f:49:1d:a7',
      IPv4SubnetCIDRBlock: '10.0.0.0/24',
      PrivateDNSName: 'ip-10-0-0-106.eu-central-1.compute.internal',
      SubnetGatewayIpv4Address: '10.0.0.1/24',
    },
  ],
};

interface Run {
  readonly code: number;
  readonly stderr: string;
  readonly calls: string[][];
}

describe('targets.sh (the task joins and leaves its passive target groups)', () => {
  let dir: string;
  let server: Server;
  let metadataUri: string;
  let requests: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-targets-'));
    // The stand-in records each call's argv, one word a line, calls ended by a NUL line; it fails for FAKE_AWS_FAIL_PORT.
    writeFileSync(
      path.join(dir, 'aws'),
      [
        '#!/bin/sh',
        'for word in "$@"; do printf \'%s\\n\' "$word"; done >>"$FAKE_AWS_LOG"',
        'printf \'\\0\\n\' >>"$FAKE_AWS_LOG"',
        'case "$*" in *"Port=${FAKE_AWS_FAIL_PORT:-none}"*) echo "An error occurred (AccessDenied)" >&2; exit 254 ;; esac',
        'echo "{}"',
      ].join('\n'),
    );
    chmodSync(path.join(dir, 'aws'), 0o755);
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(CONTAINER_METADATA));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    metadataUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v4/cd189a933e5849daa93386466019ab50-2495160603`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  function run(action: string, env: NodeJS.ProcessEnv): Promise<Run> {
    const log = path.join(dir, `calls-${Math.random().toString(36).slice(2)}`);
    return new Promise((resolve) => {
      execFile(
        'sh',
        [SCRIPT, action],
        {
          env: {
            PATH: `${dir}:${process.env.PATH}`,
            FAKE_AWS_LOG: log,
            ECS_CONTAINER_METADATA_URI_V4: metadataUri,
            FTPKIT_REGION: 'eu-central-1',
            ...env,
          },
          timeout: 30000,
        },
        (err, _stdout, stderr) => {
          const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
          const calls = text
            .split('\0\n')
            .filter(Boolean)
            .map((call) => call.split('\n').filter((w) => w !== ''));
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr, calls });
        },
      );
    });
  }

  const groups = `50000=${ARN(50000)} 50001=${ARN(50001)} 50002=${ARN(50002)}`;

  test('GIVEN three passive target groups WHEN register THEN one register-targets call per group, with the task IP and port', async () => {
    const result = await run('register', { FTPKIT_TARGET_GROUPS: groups });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(
      [50000, 50001, 50002].map((port) => [
        'elbv2',
        'register-targets',
        '--region',
        'eu-central-1',
        '--target-group-arn',
        ARN(port),
        '--targets',
        `Id=10.0.0.106,Port=${port}`,
      ]),
    );
    expect(requests.at(-1)).toBe('/v4/cd189a933e5849daa93386466019ab50-2495160603');
  });

  test('GIVEN the same WHEN deregister THEN the mirror-image deregister-targets calls', async () => {
    const result = await run('deregister', { FTPKIT_TARGET_GROUPS: groups });
    expect(result.code).toBe(0);
    const expected = [50000, 50001, 50002].map((port) => ['deregister-targets', ARN(port), `Id=10.0.0.106,Port=${port}`]);
    expect(result.calls.map((c) => [c[1], c[5], c[7]])).toEqual(expected);
  });

  test('fails when a registration is refused: exit 1 at once (the task must not serve a port the NLB does not forward)', async () => {
    const result = await run('register', { FTPKIT_TARGET_GROUPS: groups, FAKE_AWS_FAIL_PORT: '50001' });
    expect(result.code).toBe(1);
    expect(result.calls.map((c) => c[7])).toEqual(['Id=10.0.0.106,Port=50000', 'Id=10.0.0.106,Port=50001']);
    expect(result.stderr).toContain('register-targets of 10.0.0.106:50001 failed');
  });

  test('GIVEN a refused deregistration THEN it still leaves the other groups, and exits 1', async () => {
    const result = await run('deregister', { FTPKIT_TARGET_GROUPS: groups, FAKE_AWS_FAIL_PORT: '50000' });
    expect(result.code).toBe(1);
    expect(result.calls).toHaveLength(3);
  });

  test('GIVEN no target groups (outside ECS) THEN it calls nothing and exits 0', async () => {
    const result = await run('register', { FTPKIT_TARGET_GROUPS: '', ECS_CONTAINER_METADATA_URI_V4: '' });
    expect(result).toMatchObject({ code: 0, calls: [] });
  });

  test('fails when the metadata endpoint is not set: exit ≠ 0 and no call', async () => {
    const result = await run('register', { FTPKIT_TARGET_GROUPS: groups, ECS_CONTAINER_METADATA_URI_V4: '' });
    expect(result.code).not.toBe(0);
    expect(result.calls).toEqual([]);
    expect(result.stderr).toMatch(/ECS_CONTAINER_METADATA_URI_V4/);
  });
});
