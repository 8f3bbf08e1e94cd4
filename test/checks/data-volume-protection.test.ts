import { rule } from '../../lib/checks/data-volume-protection';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, partsJson, resourceOf, serverJson } from './helpers';

describe('FTPKIT-DATA-VOLUME-UNPROTECTED', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN FtpDataVolume's default THEN the data volume is snapshotted before deletion: compliant", () => {
    expect(resourceOf(json, 'aws_ebs_volume').final_snapshot).toBe(true);
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when FtpDataVolume is built with finalSnapshot: false', () => {
    expect(check(rule, partsJson({ finalSnapshot: false }))).toEqual([
      {
        resource: expect.stringMatching(/^aws_ebs_volume\./),
        message: expect.stringContaining('is deleted without a final snapshot (final_snapshot = false)'),
      },
    ]);
  });

  test('fails when final_snapshot is removed after synth', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        delete resourceOf(j, 'aws_ebs_volume').final_snapshot;
      }),
    );
    expect(findings.map((f) => f.resource)).toEqual([`aws_ebs_volume.${nameOf(json, 'aws_ebs_volume')}`]);
  });

  test('GIVEN a volume attached to another instance than the FTP server THEN it is not the data volume', () => {
    const other = edited(json, (j) => {
      j.resource.aws_ebs_volume.Scratch = { availability_zone: 'us-east-1a', size: 1, encrypted: true };
      j.resource.aws_volume_attachment.Scratch = {
        device_name: '/dev/sdh',
        volume_id: '${aws_ebs_volume.Scratch.id}',
        instance_id: '${aws_instance.Other.id}',
      };
    });
    expect(check(rule, other)).toEqual([]);
  });
});
