/*
 * destroy and outputs with the real terraform, against a stack that needs no cloud (terraform_data at
 * the real stack's construct paths): the data volume is kept unless --delete-data.
 */
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { validateConfig } from '../../lib/config/load';
import { terraformFor } from '../../lib/terraform/plan';
import { DeployStopped } from '../../lib/deploy/deploy';
import { addressesByConstructPath, destroy, DestroyResult, KEPT_BY_DEFAULT, readOutputs } from '../../lib/deploy/destroy';
import { StackOutputs } from '../../lib/deploy/outputs';
import { writeNoCloudStack } from './no-cloud-stack';

const config = validateConfig({ name: 'nocloud', allow: ['198.51.100.0/24'], users: [{ name: 'alice', write: true }] });
const quiet = () => {
  const s = new PassThrough();
  s.resume();
  return s;
};
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: '1' };

async function applied(): Promise<string> {
  const stackDir = writeNoCloudStack({ host: '127.0.0.1', port: 2121 });
  const runner = terraformFor({ stackDir, offline: false, output: quiet(), env });
  await runner.init();
  await runner.run(['apply', '-auto-approve']);
  return stackDir;
}

async function stateOf(stackDir: string): Promise<string[]> {
  return terraformFor({ stackDir, offline: false, output: quiet(), env }).stateList();
}

describe('destroy without --delete-data', () => {
  let stackDir: string;
  let result: DestroyResult;
  let outputs: StackOutputs;
  const lines: string[] = [];

  beforeAll(async () => {
    // GIVEN a deployed stack
    stackDir = await applied();
    outputs = await readOutputs({ config, stackDir, output: quiet(), env });
    // WHEN it is destroyed with --yes
    result = await destroy({ config, stackDir, yes: true, log: (l) => lines.push(l), output: quiet(), env });
  });
  afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

  test('THEN outputs read the deployed values', () => {
    expect(outputs).toMatchObject({
      publicIp: '127.0.0.1',
      endpoint: 'ftp://127.0.0.1:2121',
      instanceId: 'i-0123456789abcdef0',
      dataVolumeId: 'vol-0123456789abcdef0',
    });
    expect(Object.keys(outputs.userSecretArns)).toEqual(['alice']);
  });

  test('THEN everything but the data volume is destroyed, and the state is empty', async () => {
    expect(result.kept).toEqual(['terraform_data.ServerDataVolume']);
    expect([...result.destroyed].sort()).toEqual(['terraform_data.ServerElasticIp', 'terraform_data.ServerInstance']);
    expect(await stateOf(stackDir)).toEqual([]);
  });

  test('THEN it says that the volume was kept, with its id and how to delete it', () => {
    const text = lines.join('\n');
    expect(text).toContain('kept the data volume vol-0123456789abcdef0');
    expect(text).toContain('set storage.volumeId: vol-0123456789abcdef0 and availabilityZone: us-east-1a');
    expect(text).toContain('aws ec2 delete-volume --region us-east-1 --volume-id vol-0123456789abcdef0');
  });

  test('THEN a second destroy finds nothing to do', async () => {
    const again = await destroy({ config, stackDir, yes: true, log: () => undefined, output: quiet(), env });
    expect(again).toEqual({ kept: [], destroyed: [] });
  });
});

describe('destroy --delete-data', () => {
  let stackDir: string;
  let result: DestroyResult;
  beforeAll(async () => {
    stackDir = await applied();
    result = await destroy({ config, stackDir, yes: true, deleteData: true, log: () => undefined, output: quiet(), env });
  });
  afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

  test('THEN the data volume goes too', async () => {
    expect(result.kept).toEqual([]);
    expect(result.destroyed).toContain('terraform_data.ServerDataVolume');
    expect(await stateOf(stackDir)).toEqual([]);
  });
});

describe('destroy without a confirmation', () => {
  let stackDir: string;
  beforeAll(async () => {
    stackDir = await applied();
  });
  afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

  test('fails when no terminal can confirm and --yes is absent: nothing changes', async () => {
    await expect(destroy({ config, stackDir, log: () => undefined, output: quiet(), env })).rejects.toThrow(DeployStopped);
    expect((await stateOf(stackDir)).sort()).toEqual([
      'terraform_data.ServerDataVolume',
      'terraform_data.ServerElasticIp',
      'terraform_data.ServerInstance',
    ]);
  });

  test('fails when the user answers no: nothing changes', async () => {
    await expect(destroy({ config, stackDir, confirm: async () => false, log: () => undefined, output: quiet(), env })).rejects.toThrow(
      /cancelled/,
    );
    expect(await stateOf(stackDir)).toHaveLength(3);
  });
});

describe('addressesByConstructPath', () => {
  test('GIVEN the no-cloud stack THEN the data volume is found by its construct path', () => {
    const dir = writeNoCloudStack({ host: '127.0.0.1', port: 21 });
    try {
      expect(addressesByConstructPath(dir, KEPT_BY_DEFAULT)).toEqual(['terraform_data.ServerDataVolume']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
