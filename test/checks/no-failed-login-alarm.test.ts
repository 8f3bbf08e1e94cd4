import { rule } from '../../lib/checks/no-failed-login-alarm';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, resourceOf, serverJson } from './helpers';

describe('FTPKIT-NO-FAILED-LOGIN-ALARM', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });
  const failedLoginAlarm = (j: Block) => resourceOf(j, 'aws_cloudwatch_metric_alarm', 'FailedLogins');

  test('GIVEN FtpServer THEN an alarm with an action watches the FAIL LOGIN metric: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('GIVEN a stack without an FTP instance THEN there is nothing to watch: compliant', () => {
    const noServer = edited(json, (j) => {
      delete j.resource.aws_instance;
      delete j.resource.aws_cloudwatch_metric_alarm;
    });
    expect(check(rule, noServer)).toEqual([]);
  });

  test('fails when the failed-login alarm is gone', () => {
    const instance = `aws_instance.${nameOf(json, 'aws_instance')}`;
    const findings = check(
      rule,
      edited(json, (j) => {
        delete j.resource.aws_cloudwatch_metric_alarm[nameOf(j, 'aws_cloudwatch_metric_alarm', 'FailedLogins')];
      }),
    );
    const message = `${instance}: failed logins raise no alarm (no alarm with an action watches FtpKit/ftp/FailedLogins)`;
    expect(findings).toEqual([{ resource: instance, message }]);
  });

  test('fails when the alarm has no action', () => {
    expect(
      check(
        rule,
        edited(json, (j) => {
          failedLoginAlarm(j).alarm_actions = [];
        }),
      ),
    ).toHaveLength(1);
  });

  test('fails when no metric filter counts FAIL LOGIN', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        delete j.resource.aws_cloudwatch_log_metric_filter;
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ message: expect.stringContaining('no metric filter counts') })]);
  });
});
