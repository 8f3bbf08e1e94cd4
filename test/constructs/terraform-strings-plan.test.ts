/*
 * The escaping, proven by Terraform itself: one offline `terraform plan` of the real stack carrying
 * a few dozen hostile descriptions and a hostile banner shows each of them byte for byte, and a
 * `${file(…)}` reads nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, DataResource, TerraformStack } from 'cdktf';
import fc from 'fast-check';
import { validateConfig } from '../../lib/config/load';
import { FtpKitStack } from '../../lib/constructs/stack';
import { terraformTemplateLiteral } from '../../lib/constructs/template-literal';
import { DEFAULT_LAYOUT, renderVsftpdConf } from '../../lib/render';
import { planOffline } from '../terraform/fixture';
import { hostileString } from './terraform-template';

jest.setTimeout(180000);

interface Change {
  readonly type: string;
  readonly change: { readonly after: Record<string, any> };
}

describe('GIVEN a stack whose descriptions and banner hold Terraform template syntax', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ftp-kit-tf-literal-'));
  const secretFile = join(dir, 'planning-machine-secret.txt');
  const secret = `secret-of-the-planning-machine-${process.pid}`;
  // A fixed seed: the same few dozen samples every run, so a failure reproduces.
  const samples = fc.sample(hostileString(), { numRuns: 30, seed: 20261201 });
  const descriptions = [`read ${'${file("'}${secretFile}")} %{ if true }x%{ endif }`, ...samples.map((s, i) => `d${i} ${s}`)];
  const banner = `Zq7 \${file("${secretFile}")} %{ if true }x%{ endif } $\${a} $$\${b} "q" \\ T\${"f"}Token[ \${`;
  let changes: Change[];
  let planText: string;

  beforeAll(async () => {
    writeFileSync(secretFile, secret);
    const config = validateConfig({
      allow: descriptions.map((description, i) => ({ cidr: `192.0.2.${i}/32`, description })),
      users: [{ name: 'alice', write: true }],
      banner,
    });
    const app = new App({ outdir: join(dir, 'out'), skipValidation: true });
    const stack: TerraformStack = new FtpKitStack(app, config.name, { config, workingDirectory: dir });
    // The rendered vsftpd.conf as the stack carries it, with a known address: the server's own copy waits for the Elastic IP.
    const conf = terraformTemplateLiteral(renderVsftpdConf(config, { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' }));
    new DataResource(stack, 'RenderedConf', { input: { vsftpd_conf: conf } });
    app.synth();
    const plan = await planOffline(join(dir, 'out', 'stacks', config.name));
    planText = JSON.stringify(plan);
    changes = (plan as { resource_changes: Change[] }).resource_changes;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN the plan shows every description byte for byte', () => {
    const entries = changes
      .filter((c) => c.type === 'aws_ec2_managed_prefix_list')
      .flatMap((c) => c.change.after.entry as Array<{ description: string }>);
    expect(entries.map((e) => e.description).sort()).toEqual([...descriptions].sort());
  });

  test('THEN the plan shows the banner byte for byte in the rendered vsftpd.conf', () => {
    const conf = changes.find((c) => c.type === 'terraform_data' && typeof c.change.after.input?.vsftpd_conf === 'string')!.change.after
      .input.vsftpd_conf as string;
    expect(conf.split('\n')).toContain(`ftpd_banner=${banner}`);
  });

  test('THEN no file of the planning machine was read into the plan', () => {
    expect(planText).not.toContain(secret);
  });
});
