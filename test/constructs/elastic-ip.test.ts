import { TerraformOutput } from 'cdktf';
import { FtpElasticIp } from '../../lib/constructs/elastic-ip';
import { ref, Synth, synth } from './helpers';

describe('FtpElasticIp', () => {
  describe('GIVEN an address associated with an instance', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth((stack) => {
        const eip = new FtpElasticIp(stack, 'Ip', { name: 'ftp' });
        eip.associate('i-0123456789abcdef0');
        new TerraformOutput(stack, 'ip', { value: eip.publicIp });
      });
    });

    test('THEN one VPC Elastic IP exists, and publicIp is its public_ip', () => {
      const [name, eip] = Object.entries(s.resources('aws_eip'))[0];
      expect(s.all('aws_eip')).toHaveLength(1);
      expect(eip.domain).toBe('vpc');
      expect(eip.instance).toBeUndefined();
      expect(s.json.output.ip.value).toBe(ref('aws_eip', name, 'public_ip'));
    });

    test('THEN a separate association ties it to the instance', () => {
      const [name] = Object.keys(s.resources('aws_eip'));
      expect(s.all('aws_eip_association')).toEqual([
        { allocation_id: ref('aws_eip', name, 'allocation_id'), instance_id: 'i-0123456789abcdef0' },
      ]);
    });
  });

  test('fails when associated twice', () => {
    expect(() =>
      synth((stack) => {
        const eip = new FtpElasticIp(stack, 'Ip', { name: 'ftp' });
        eip.associate('i-1');
        eip.associate('i-2');
      }),
    ).toThrow(/already associated/);
  });
});
