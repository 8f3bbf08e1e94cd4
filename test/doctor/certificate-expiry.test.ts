/*
 * The doctor's certificate verdicts against previews serving certificates of each kind, run as a
 * partner runs it (the built CLI): a trusted certificate naming another host FAILs; one that expires
 * within 14 days WARNs; the negotiated TLS version is reported.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateConfig } from '../../lib/config';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { LocalPreview, startPreview } from '../../lib/local/preview';
import { freeControlPort, passiveRange } from '../local/helpers';
import { CLI } from '../support/preview-process';
import { makeSelfSigned } from '../../lib/local/self-signed';

jest.setTimeout(90000);
const run = promisify(execFile);

interface Check {
  readonly id: string;
  readonly status: string;
  readonly detail: string;
  readonly diagnosis?: string;
}

async function doctor(preview: LocalPreview, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Record<string, Check>> {
  const result = await run(CLI, ['doctor', preview.address, '--port', String(preview.port), '--json', ...args], {
    env: { ...process.env, ...env },
  }).catch((err: { stdout: string }) => err);
  return Object.fromEntries((JSON.parse(result.stdout).checks as Check[]).map((c) => [c.id, c]));
}

async function previewWith(
  tls: FtpKitConfigInput['tls'],
  slot: number,
  dir: string,
  importedFiles?: { certFile: string; keyFile: string },
): Promise<LocalPreview> {
  const config = validateConfig({
    name: 'doctor-cert',
    controlPort: await freeControlPort(),
    passivePorts: passiveRange(slot),
    allow: ['198.51.100.0/24'],
    users: [{ name: 'alice' }],
    tls,
  });
  return startPreview({ config, dir, importedFiles });
}

describe('doctor certificate verdicts', () => {
  let dir: string;
  const previews: LocalPreview[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-doctor-cert-'));
  });
  afterAll(async () => {
    for (const p of previews) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    'GIVEN a trusted (ACME-issued) certificate for a domain WHEN checked by IP address ' + 'THEN certificate FAILs naming the mismatch',
    async () => {
      const preview = await previewWith(
        { mode: 'lets-encrypt', domain: 'ftp.partner-drop.example.com', hostedZoneId: 'Z0ABC', email: 'ops@example.com' },
        50,
        join(dir, 'le'),
      );
      previews.push(preview);
      const root = join(dir, 'acme-root.pem');
      writeFileSync(root, preview.acmeRootPem!);
      const checks = await doctor(preview, [], { NODE_EXTRA_CA_CERTS: root });
      expect(checks.certificate).toMatchObject({
        status: 'fail',
        diagnosis: expect.stringContaining('is trusted but does not name 127.0.0.1'),
      });
      expect(checks['auth-tls'].detail).toMatch(/^TLSv1\.2, /);
    },
  );

  test('GIVEN a certificate that expires in 10 days THEN certificate WARNs; the negotiated version is shown', async () => {
    const files = { certFile: join(dir, 'short.crt'), keyFile: join(dir, 'short.key') };
    makeSelfSigned({ certFile: files.certFile, keyFile: files.keyFile, commonName: '127.0.0.1', altNames: ['IP:127.0.0.1'], days: 10 });
    const preview = await previewWith(
      { mode: 'imported', secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:c-AbCdEf', maxVersion: '1.3' },
      51,
      join(dir, 'imp'),
      files,
    );
    previews.push(preview);
    const checks = await doctor(preview, ['--ca', files.certFile]);
    expect(checks.certificate).toMatchObject({ status: 'warn', diagnosis: expect.stringMatching(/expires in (9|10) days/) });
    expect(checks['auth-tls'].detail).toMatch(/^TLSv1\.3, /);
  });
});
