import { FtpInstance, debianAmiParameter } from '../../lib/constructs/instance';
import { Synth, synth } from './helpers';

const BASE = {
  name: 'ftp',
  instanceType: 't4g.small',
  arch: 'arm64' as const,
  subnetId: 'subnet-0123456789abcdef0',
  securityGroupIds: ['sg-0123456789abcdef0'],
  instanceProfileName: 'ftp-profile',
  userData: '#cloud-config\nruncmd:\n  - [sh, -c, \'echo "${HOME}"\']\n',
};

describe('debianAmiParameter', () => {
  test('GIVEN arm64 or x86_64 THEN the Debian 12 public parameter of that architecture is named', () => {
    expect(debianAmiParameter('arm64')).toBe('/aws/service/debian/release/12/latest/arm64');
    expect(debianAmiParameter('x86_64')).toBe('/aws/service/debian/release/12/latest/amd64');
  });
});

describe('FtpInstance', () => {
  describe('GIVEN an arm64 instance', () => {
    let s: Synth;
    beforeAll(() => { s = synth((stack) => new FtpInstance(stack, 'Server', BASE)); });

    test('THEN the launch template resolves the Debian 12 arm64 AMI through SSM, and aws_instance has no ami', () => {
      const [lt] = s.all('aws_launch_template');
      expect(lt.image_id).toBe('resolve:ssm:/aws/service/debian/release/12/latest/arm64');
      expect(lt.instance_type).toBe('t4g.small');
      expect(s.all('aws_instance')[0].ami).toBeUndefined();
    });

    test('THEN IMDSv2 is required with hop limit 1', () => {
      expect(s.all('aws_launch_template')[0].metadata_options).toMatchObject({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
    });

    test('THEN there is no key pair anywhere', () => {
      expect(s.all('aws_launch_template')[0].key_name).toBeUndefined();
      expect(s.all('aws_instance')[0].key_name).toBeUndefined();
      expect(s.json.resource.aws_key_pair).toBeUndefined();
    });

    test('THEN the root volume is encrypted gp3', () => {
      expect(s.all('aws_instance')[0].root_block_device).toMatchObject({ encrypted: true, volume_type: 'gp3' });
    });

    test('THEN the instance uses the template\'s latest version, the subnet, the groups and a launch-time public IP', () => {
      const [ltName] = Object.keys(s.resources('aws_launch_template'));
      expect(s.all('aws_instance')[0]).toMatchObject({
        launch_template: { id: `\${aws_launch_template.${ltName}.id}`, version: `\${tostring(aws_launch_template.${ltName}.latest_version)}` },
        subnet_id: BASE.subnetId,
        vpc_security_group_ids: BASE.securityGroupIds,
        associate_public_ip_address: true,
      });
      expect(s.all('aws_instance')[0].ipv6_address_count).toBeUndefined();
    });

    test('THEN user-data is the gzipped, base64-encoded text, held escaped in a local', () => {
      const [lt] = s.all('aws_launch_template');
      const local = /^\$\{base64gzip\(local\.([A-Za-z0-9_]+)\)\}$/.exec(lt.user_data);
      expect(local).not.toBeNull();
      expect(s.json.locals[local![1]]).toBe('#cloud-config\nruncmd:\n  - [sh, -c, \'echo "$${HOME}"\']\n');
      expect(lt.iam_instance_profile).toEqual({ name: 'ftp-profile' });
    });
  });

  describe('GIVEN x86_64, an explicit AMI, IPv6 and a root size', () => {
    test('THEN they reach the template and the instance', () => {
      const s = synth((stack) => new FtpInstance(stack, 'Server', { ...BASE, arch: 'x86_64', instanceType: 't3.small', imageId: 'ami-0123456789abcdef0', ipv6AddressCount: 1, rootVolumeSizeGiB: 16 }));
      expect(s.all('aws_launch_template')[0].image_id).toBe('ami-0123456789abcdef0');
      expect(s.all('aws_instance')[0]).toMatchObject({ ipv6_address_count: 1, root_block_device: { volume_size: 16, encrypted: true } });
    });
  });
});
