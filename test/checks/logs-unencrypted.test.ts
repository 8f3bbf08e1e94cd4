import { rule } from '../../lib/checks/logs-unencrypted';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, resourceOf, serverJson } from './helpers';

describe('FTPKIT-LOGS-UNENCRYPTED', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN FtpServer THEN its log group is encrypted with the stack's key: compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when the log group has no kms_key_id', () => {
    const name = nameOf(json, 'aws_cloudwatch_log_group');
    expect(
      check(
        rule,
        edited(json, (j) => {
          delete resourceOf(j, 'aws_cloudwatch_log_group').kms_key_id;
        }),
      ),
    ).toEqual([
      {
        resource: `aws_cloudwatch_log_group.${name}`,
        message: `aws_cloudwatch_log_group.${name} (/ftp-kit/ftp) has no kms_key_id`,
      },
    ]);
  });
});
