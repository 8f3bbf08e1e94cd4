import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../lib/checks';
import { buildModel, isPlanJson, ModelInputError, modelFromPlan, modelFromSynth } from '../../lib/model/build';
import { ingressPaths } from '../../lib/model/network';
import { ftpServers } from '../../lib/model/server';
import { TfModel } from '../../lib/model/types';
import { runRules } from '../../lib/checks/run';
import { synthesizeStack } from '../../lib/stack/synth';
import { planOffline } from '../terraform/fixture';
import { config } from '../constructs/helpers';
import { SERVER_INPUT } from '../checks/helpers';

describe('buildModel GIVEN the same FtpServer stack synthesized and planned offline', () => {
  let root: string;
  let stack: Record<string, unknown>;
  let plan: Record<string, any>;
  let fromSynth: TfModel;
  let fromPlan: TfModel;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-model-'));
    const { stackDir } = synthesizeStack(config(SERVER_INPUT), path.join(root, 'cdktf.out'), { workingDirectory: root });
    stack = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    plan = await planOffline(stackDir);
    fromSynth = buildModel(stack);
    fromPlan = buildModel(plan);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('THEN each input is recognised for what it is', () => {
    expect([isPlanJson(plan), isPlanJson(stack)]).toEqual([true, false]);
    expect([fromPlan.source, fromSynth.source]).toEqual(['plan', 'synth']);
  });

  test('THEN both hold the same managed resources, all to be created', () => {
    const managed = (m: TfModel) => m.resources.filter((r) => r.mode === 'managed').map((r) => r.address);
    expect(managed(fromPlan)).toEqual(managed(fromSynth));
    expect(new Set(fromPlan.resources.map((r) => r.actions.join()))).toEqual(new Set(['create']));
  });

  test('THEN user-data is unknown in both, its reference to the local is kept, and only the synth model has the local', () => {
    for (const m of [fromPlan, fromSynth]) {
      const [lt] = m.ofType('aws_launch_template');
      expect(lt.values.user_data).toBeUndefined();
      expect(lt.expressions.user_data).toMatch(/^\$\{base64gzip\(local\.\S+\)\}$/);
    }
    expect(Object.keys(fromSynth.locals)).toHaveLength(1);
    expect(fromPlan.locals).toEqual({});
  });

  test('THEN the server record reads the same from the plan as from the stack: ports, pasv_address reference, groups, Elastic IP', () => {
    const [p] = ftpServers(fromPlan);
    const [s] = ftpServers(fromSynth);
    expect(p.settings).toEqual(s.settings);
    expect(p.userSettings).toEqual(s.userSettings);
    expect(p.settings!.pasv_address).toBe(`\${${p.elasticIps[0].eip}.public_ip}`);
    expect([p.settings!.listen_port, p.settings!.pasv_min_port, p.settings!.pasv_max_port]).toEqual(['2121', '50000', '50049']);
    expect(p.securityGroups).toEqual(s.securityGroups);
    expect(p.elasticIps).toEqual(s.elasticIps);
    expect(p.instance?.address).toBe(p.instanceAddress);
  });

  test('THEN the ingress paths, prefix lists expanded, are the same', () => {
    const text = (m: TfModel) =>
      ingressPaths(m)
        .map(
          (i) =>
            `${i.securityGroup} ${i.protocol} ${i.fromPort}-${i.toPort} ` +
            `${i.sources.map((s) => (s.kind === 'cidr' ? `${s.cidr} (${s.description})` : s.kind)).join(',')}`,
        )
        .sort();
    expect(text(fromPlan)).toEqual(text(fromSynth));
    expect(text(fromPlan)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ tcp 2121-2121 198\.51\.100\.0\/24 \(partner A\)$/),
        expect.stringMatching(/ tcp 50000-50049 2001:db8::\/32 /),
      ]),
    );
  });

  test('THEN no rule finds anything in either', () => {
    expect(runRules(fromPlan, RULES)).toEqual([]);
    expect(runRules(fromSynth, RULES)).toEqual([]);
  });

  test('THEN the synth model carries construct paths and literal values unescaped', () => {
    const [record] = fromSynth.ofType('terraform_data');
    expect(record.path).toBe('ftp/Server/Instance/ServerConfig');
    expect((record.values.input as Record<string, string>).vsftpd_conf).toContain('local_root=/srv/ftp-kit/jail/$USER');
  });

  test('GIVEN a resource the plan deletes THEN the model keeps it with its values before', () => {
    const edited = structuredClone(plan);
    const volume = edited.resource_changes.find((c: { type: string }) => c.type === 'aws_ebs_volume');
    volume.change = { actions: ['delete'], before: { size: 20, encrypted: true }, after: null };
    edited.planned_values.root_module.resources = edited.planned_values.root_module.resources.filter(
      (r: { type: string }) => r.type !== 'aws_ebs_volume',
    );
    const [gone] = modelFromPlan(edited).ofType('aws_ebs_volume');
    expect(gone).toMatchObject({ actions: ['delete'], values: { size: 20, encrypted: true } });
  });

  test('fails when the input is neither a plan nor a stack', () => {
    expect(() => buildModel({ hello: 1 })).toThrow(ModelInputError);
    expect(() => modelFromPlan({ resource: {} })).toThrow(/not a Terraform plan JSON/);
    expect(() => modelFromSynth([])).toThrow(/not a synthesized Terraform JSON stack/);
  });
});
