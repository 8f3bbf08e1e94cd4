import { Testing } from 'cdktf';
import { EXAMPLE_FTP_CONFIG, ExistingVpcStack } from '../../examples/existing-vpc/main';
import { ingressPaths, ref, Synth } from '../constructs/helpers';

describe('examples/existing-vpc', () => {
  let s: Synth;
  beforeAll(() => {
    const stack = new ExistingVpcStack(Testing.app(), 'example', { ftpConfig: EXAMPLE_FTP_CONFIG });
    const json = JSON.parse(Testing.synth(stack));
    s = { json, resources: (t) => json.resource?.[t] ?? {}, all: (t) => Object.values(json.resource?.[t] ?? {}) };
  });

  test("GIVEN the stack's own VPC THEN FtpServer makes no network of its own", () => {
    expect(Object.keys(s.resources('aws_vpc'))).toEqual(['AppVpc']);
    expect(Object.keys(s.resources('aws_subnet'))).toEqual(['AppPublicSubnet']);
  });

  test("THEN the server is placed in the stack's subnet and VPC, with its volume in the subnet's zone", () => {
    const [instance] = s.all('aws_instance');
    expect(instance.subnet_id).toBe(ref('aws_subnet', 'AppPublicSubnet', 'id'));
    expect(s.all('aws_security_group')[0].vpc_id).toBe(ref('aws_vpc', 'AppVpc', 'id'));
    expect(s.all('aws_ebs_volume')[0].availability_zone).toBe('eu-west-1b');
    expect(s.all('aws_subnet')[0].availability_zone).toBe('eu-west-1b');
  });

  test("THEN the server's attributes are read into the stack's outputs", () => {
    const [eip] = Object.keys(s.resources('aws_eip'));
    const [instance] = Object.keys(s.resources('aws_instance'));
    const [group] = Object.keys(s.resources('aws_security_group'));
    const [volume] = Object.keys(s.resources('aws_ebs_volume'));
    const [list] = Object.keys(s.resources('aws_ec2_managed_prefix_list'));
    const [secret] = Object.keys(s.resources('aws_secretsmanager_secret'));
    expect(s.json.output).toEqual({
      ftp_endpoint: { value: `ftp://${ref('aws_eip', eip, 'public_ip')}:21` },
      ftp_public_ip: { value: ref('aws_eip', eip, 'public_ip') },
      ftp_security_group_id: { value: ref('aws_security_group', group, 'id') },
      ftp_instance_id: { value: ref('aws_instance', instance, 'id') },
      ftp_prefix_list_id: { value: ref('aws_ec2_managed_prefix_list', list, 'id') },
      ftp_data_volume_id: { value: ref('aws_ebs_volume', volume, 'id') },
      ftp_user_secret_arns: { value: { 'partner-a': ref('aws_secretsmanager_secret', secret, 'arn') } },
    });
  });

  test('THEN ingress is still only port 21 and the passive range from the allowlist', () => {
    expect(ingressPaths(s)).toEqual(['tcp 198.51.100.0/24 21-21', 'tcp 198.51.100.0/24 40000-40599']);
  });
});
