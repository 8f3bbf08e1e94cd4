import { Testing } from 'cdktf';
import { buildApp, OUTPUT_NAMES } from '../../lib/stack/app';
import { config, CUSTOM_INPUT, ref } from '../constructs/helpers';

describe('buildApp', () => {
  let json: Record<string, any>;
  let stackName: string;
  beforeAll(() => {
    const { stack } = buildApp({ config: config(CUSTOM_INPUT), outdir: Testing.app().outdir });
    stackName = stack.node.id;
    json = JSON.parse(Testing.synth(stack));
  });

  test('GIVEN the custom config THEN the stack is named after config.name', () => {
    expect(stackName).toBe('partners');
  });

  test('THEN it declares exactly the documented outputs, under their plain names', () => {
    expect(Object.keys(json.output).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  test('THEN each output reads the server attribute it names', () => {
    const name = (type: string) => Object.keys(json.resource[type])[0];
    const eip = ref('aws_eip', name('aws_eip'), 'public_ip');
    expect(json.output.public_ip.value).toBe(eip);
    expect(json.output.endpoint.value).toBe(`ftp://${eip}:2121`);
    expect(json.output.instance_id.value).toBe(ref('aws_instance', name('aws_instance'), 'id'));
    expect(json.output.security_group_id.value).toBe(ref('aws_security_group', name('aws_security_group'), 'id'));
    expect(json.output.data_volume_id.value).toBe(ref('aws_ebs_volume', name('aws_ebs_volume'), 'id'));
    expect(json.output.prefix_list_ids.value).toHaveLength(2);
    expect(Object.keys(json.output.user_secret_arns.value).sort()).toEqual(['alice', 'bob']);
  });
});
