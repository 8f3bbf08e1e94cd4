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
    beforeAll(() => {
      s = synth((stack) => new FtpInstance(stack, 'Server', BASE));
    });

    test('THEN the launch template resolves the Debian 12 arm64 AMI through SSM, and aws_instance has no ami', () => {
      const [lt] = s.all('aws_launch_template');
      expect(lt.image_id).toBe('resolve:ssm:/aws/service/debian/release/12/latest/arm64');
      expect(lt.instance_type).toBe('t4g.small');
      expect(s.all('aws_instance')[0].ami).toBeUndefined();
    });

    test('THEN IMDSv2 is required with hop limit 1', () => {
      expect(s.all('aws_launch_template')[0].metadata_options).toMatchObject({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
      });
    });

    test('THEN there is no key pair anywhere', () => {
      expect(s.all('aws_launch_template')[0].key_name).toBeUndefined();
      expect(s.all('aws_instance')[0].key_name).toBeUndefined();
      expect(s.json.resource.aws_key_pair).toBeUndefined();
    });

    test('THEN the root volume is encrypted gp3', () => {
      expect(s.all('aws_instance')[0].root_block_device).toMatchObject({ encrypted: true, volume_type: 'gp3' });
    });

    test("THEN the instance uses the template's latest version, the subnet, the groups and a launch-time public IP", () => {
      const [ltName] = Object.keys(s.resources('aws_launch_template'));
      expect(s.all('aws_instance')[0]).toMatchObject({
        launch_template: {
          id: `\${aws_launch_template.${ltName}.id}`,
          version: `\${tostring(aws_launch_template.${ltName}.latest_version)}`,
        },
        subnet_id: BASE.subnetId,
        vpc_security_group_ids: BASE.securityGroupIds,
        associate_public_ip_address: true,
      });
      expect(s.all('aws_instance')[0].ipv6_address_count).toBeUndefined();
    });

    test('THEN user-data without a vsftpd.conf gets no server record', () => {
      expect(s.json.resource.terraform_data).toBeUndefined();
    });

    test('THEN user-data is the gzipped, base64-encoded text, held escaped in a local', () => {
      const [lt] = s.all('aws_launch_template');
      const local = /^\$\{base64gzip\(local\.([A-Za-z0-9_]+)\)\}$/.exec(lt.user_data);
      expect(local).not.toBeNull();
      expect(s.json.locals[local![1]]).toBe('#cloud-config\nruncmd:\n  - [sh, -c, \'echo "${"$"}{HOME}"\']\n');
      expect(lt.iam_instance_profile).toEqual({ name: 'ftp-profile' });
    });
  });

  describe('GIVEN cloud-config user-data that writes a vsftpd.conf', () => {
    let s: Synth;
    const userData = [
      '#cloud-config',
      'write_files:',
      '  - path: /etc/ftp-kit/vsftpd.conf',
      '    content: |',
      '      listen_port=2121',
      '      pasv_address=203.0.113.10',
      '      user_config_dir=/etc/ftp-kit/users',
      '      local_root=/srv/$USER/${HOME}',
      '  - path: /etc/ftp-kit/users/alice',
      '    content: "write_enable=YES\\n"',
      '',
    ].join('\n');
    beforeAll(() => {
      s = synth((stack) => new FtpInstance(stack, 'Server', { ...BASE, userData }));
    });

    test('THEN a terraform_data (construct ID ServerConfig) records the file for reviews, escaped, with the instance it belongs to', () => {
      const records = s.resources('terraform_data');
      expect(Object.keys(records)).toEqual([expect.stringMatching(/^Server_ServerConfig_/)]);
      const [instance] = Object.keys(s.resources('aws_instance'));
      expect(Object.values(records)[0].input).toEqual({
        kind: 'ftp-kit/server-config',
        version: 1,
        instance: `aws_instance.${instance}`,
        vsftpd_conf:
          'listen_port=2121\npasv_address=<pasv_address>\nuser_config_dir=/etc/ftp-kit/users\nlocal_root=/srv/$USER/${"$"}{HOME}\n',
        user_configs: { alice: 'write_enable=YES\n' },
        pasv_address: '203.0.113.10',
      });
    });
  });

  describe('GIVEN x86_64, an explicit AMI, IPv6 and a root size', () => {
    test('THEN they reach the template and the instance', () => {
      const s = synth(
        (stack) =>
          new FtpInstance(stack, 'Server', {
            ...BASE,
            arch: 'x86_64',
            instanceType: 't3.small',
            imageId: 'ami-0123456789abcdef0',
            ipv6AddressCount: 1,
            rootVolumeSizeGiB: 16,
          }),
      );
      expect(s.all('aws_launch_template')[0].image_id).toBe('ami-0123456789abcdef0');
      expect(s.all('aws_instance')[0]).toMatchObject({ ipv6_address_count: 1, root_block_device: { volume_size: 16, encrypted: true } });
    });
  });
});
