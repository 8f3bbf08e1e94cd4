import { rule } from '../../lib/checks/efs-unencrypted';
import { Block } from '../constructs/helpers';
import { check, edited, resourceOf } from './helpers';
import { ecsJson } from './ecs-helpers';

describe('FTPKIT-EFS-UNENCRYPTED', () => {
  let json: Block;
  beforeAll(() => {
    json = ecsJson();
  });

  test('GIVEN FtpContainerServer THEN its file system is encrypted: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when encryption is off or left out', () => {
    expect(
      check(
        rule,
        edited(json, (j) => {
          resourceOf(j, 'aws_efs_file_system').encrypted = false;
        }),
      ),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('is not encrypted (encrypted = false)') })]);
    expect(
      check(
        rule,
        edited(json, (j) => {
          delete resourceOf(j, 'aws_efs_file_system').encrypted;
        }),
      ),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('is not encrypted (encrypted = null)') })]);
  });
});
