/*
 * Synthesizes the default and the custom config to disk and runs the real terraform on them,
 * offline: providers from the /opt/tf-plugins mirror, dummy credentials in the child's env only,
 * and an override file that keeps the provider from calling AWS. It drives plain terraform on purpose,
 * not lib/terraform: the synthesized stack must work with a user's own Terraform set-up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CUSTOM_INPUT, DEFAULT_INPUT } from '../constructs/helpers';
import { findSecrets, offlineEnv, Planned, plannedResources, synthAndPlan } from './synth-helpers';

describe('synthesizeStack', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let defaults: Planned;
  let custom: Planned;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-synth-'));
    env = offlineEnv(root);
    [defaults, custom] = await Promise.all([
      synthAndPlan(root, 'default', DEFAULT_INPUT, env),
      synthAndPlan(root, 'custom', CUSTOM_INPUT, env),
    ]);
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN the default config and a missing out folder THEN it writes <out>/stacks/ftp/cdk.tf.json', () => {
    expect(defaults.stackDir).toBe(path.join(root, 'default', 'cdktf.out', 'stacks', 'ftp'));
    expect(existsSync(path.join(defaults.stackDir, 'cdk.tf.json'))).toBe(true);
    expect(existsSync(path.join(root, 'default', 'cdktf.out', 'manifest.json'))).toBe(true);
  });

  test('GIVEN the custom config THEN the stack folder is named after config.name', () => {
    expect(path.basename(custom.stackDir)).toBe('partners');
  });

  test('GIVEN a working folder THEN the local state lands there, not in the disposable synth output', () => {
    const backend = JSON.parse(defaults.synthText).terraform.backend.local.path;
    expect(path.resolve(defaults.stackDir, backend)).toBe(path.join(root, 'default', 'terraform.ftp.tfstate'));
  });

  test.each([
    ['default', () => defaults],
    ['custom', () => custom],
  ])('GIVEN the %s config THEN terraform plans it offline, creating and destroying nothing else', (_label, get) => {
    const { plan } = get();
    const actions = plan.resource_changes.map((c: { change: { actions: string[] } }) => c.change.actions.join(','));
    expect(new Set(actions)).toEqual(new Set(['create']));
    expect(plan.resource_changes.length).toBeGreaterThan(20);
  });

  test("GIVEN the offline override THEN terraform merged it into cdktf's provider block (a single aws provider config)", () => {
    const providers = defaults.plan.configuration.provider_config;
    // `terraform` is the built-in provider of the server record (terraform_data), not a second AWS config.
    expect(Object.keys(providers).filter((name) => name !== 'terraform')).toEqual(['aws']);
    expect(providers.aws.expressions.skip_credentials_validation.constant_value).toBe(true);
    expect(providers.aws.expressions.region.constant_value).toBe('us-east-1');
  });

  test(
    'GIVEN the custom plan THEN the planned ingress is exactly 2121 and 50000–50049 TCP, ' +
      'and prefix lists hold exactly the three CIDRs',
    () => {
      const resources = plannedResources(custom.plan);
      const ingress = resources
        .filter((r) => r.type === 'aws_vpc_security_group_ingress_rule')
        .map((r) => `${r.values.ip_protocol} ${r.values.from_port}-${r.values.to_port}`)
        .sort();
      expect(ingress).toEqual(['tcp 2121-2121', 'tcp 2121-2121', 'tcp 50000-50049', 'tcp 50000-50049']);
      const cidrs = resources
        .filter((r) => r.type === 'aws_ec2_managed_prefix_list')
        .flatMap((r) => r.values.entry.map((e: { cidr: string }) => e.cidr))
        .sort();
      expect(cidrs).toEqual(['198.51.100.0/24', '2001:db8::/32', '203.0.113.0/24']);
    },
  );

  test('GIVEN the custom plan THEN the launch template requires IMDSv2 and every planned volume is encrypted', () => {
    const resources = plannedResources(custom.plan);
    const lt = resources.find((r) => r.type === 'aws_launch_template')!;
    expect(lt.values.metadata_options).toEqual([expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1 })]);
    for (const v of resources.filter((r) => r.type === 'aws_ebs_volume')) expect(v.values.encrypted).toBe(true);
    const instance = resources.find((r) => r.type === 'aws_instance')!;
    expect(instance.values.root_block_device).toEqual([expect.objectContaining({ encrypted: true })]);
    expect(instance.values.key_name).toBeUndefined();
  });

  test('GIVEN the synth output and the plan JSON of both configs THEN no password, private key or credential is in them', () => {
    for (const p of [defaults, custom]) {
      expect(findSecrets(p.synthText)).toEqual([]);
      expect(findSecrets(p.planText)).toEqual([]);
    }
  });

  test('GIVEN planted secrets THEN the scan finds each kind (it is not vacuous)', () => {
    expect(findSecrets('-----BEGIN EC PRIVATE KEY-----')).toEqual(['private key']);
    expect(findSecrets('alice:$6$abcdefgh$0123456789abcdefghijklmnopqrstuvwxyz')).toEqual(['SHA-512 crypt hash']);
    expect(findSecrets('{"secret_string": "x"}')).toEqual(['secret value']);
    expect(findSecrets('{"password": "hunter2"}')).toEqual(['password field']);
    expect(findSecrets('password=Zx9kQ2mW7pL4vB8n')).toEqual(['password assignment']);
    expect(findSecrets('AKIAFTPKITOFFLINE000')).toEqual(['AWS access key']);
  });
});
