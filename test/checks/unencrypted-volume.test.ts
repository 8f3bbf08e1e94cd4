import { rule } from '../../lib/checks/unencrypted-volume';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, resourceOf, serverJson } from './helpers';

describe('FTPKIT-UNENCRYPTED-VOLUME', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test('GIVEN FtpServer THEN the data and root volumes are encrypted: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('GIVEN account-wide default encryption THEN an unflagged volume is still encrypted: compliant', () => {
    const withDefault = edited(json, (j) => {
      delete resourceOf(j, 'aws_ebs_volume').encrypted;
      j.resource.aws_ebs_encryption_by_default = { On: { enabled: true } };
    });
    expect(check(rule, withDefault)).toEqual([]);
  });

  test('fails when the data volume is not encrypted', () => {
    expect(
      check(
        rule,
        edited(json, (j) => {
          resourceOf(j, 'aws_ebs_volume').encrypted = false;
        }),
      ),
    ).toEqual([
      {
        resource: `aws_ebs_volume.${nameOf(json, 'aws_ebs_volume')}`,
        message: `aws_ebs_volume.${nameOf(json, 'aws_ebs_volume')} is not encrypted (encrypted = false)`,
      },
    ]);
  });

  test('fails when the root volume is not encrypted, or its block is missing', () => {
    expect(
      check(
        rule,
        edited(json, (j) => {
          resourceOf(j, 'aws_instance').root_block_device.encrypted = false;
        }),
      ),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('the root volume of aws_instance.') })]);
    expect(
      check(
        rule,
        edited(json, (j) => {
          delete resourceOf(j, 'aws_instance').root_block_device;
        }),
      ),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('has no root_block_device block') })]);
  });

  test('fails when the launch template maps an unencrypted EBS device', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        resourceOf(j, 'aws_launch_template').block_device_mappings = [
          { device_name: '/dev/sdg', ebs: { volume_size: 10, encrypted: 'false' } },
        ];
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('the block device /dev/sdg of aws_launch_template.') }),
    ]);
  });
});
