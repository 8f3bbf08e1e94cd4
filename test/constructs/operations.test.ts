/*
 * Operations (issue 14) in the synthesized stack — log group, metric filters, alarms, topic, backup,
 * the instance role's CloudWatch rights, the on-instance pieces in user-data. The real offline
 * `terraform plan` of the same stacks is in operations-plan.test.ts (integration: it runs the CLI and terraform).
 */
import { parse } from 'yaml';
import { FtpServer } from '../../lib/constructs/server';
import { LOG_METRICS } from '../../lib/render/log-metrics';
import { Block, config, DEFAULT_INPUT, ref, Synth, synth, WITH_EMAIL } from './helpers';

function userDataOf(s: Synth): string {
  const [lt] = s.all('aws_launch_template');
  const local = /^\$\{base64gzip\(local\.([A-Za-z0-9_]+)\)\}$/.exec(lt.user_data)![1];
  return s.json.locals[local];
}

describe('FtpServer operations', () => {
  describe('GIVEN alerts.email, logs.retentionDays 30 and backup.retainDays 7', () => {
    let s: Synth;
    let server: FtpServer;
    beforeAll(() => {
      s = synth((stack) => {
        server = new FtpServer(stack, 'Server', { config: config(WITH_EMAIL) });
      });
    });

    test('THEN the log group keeps 30 days, encrypted with a rotated key admitting CloudWatch Logs for this log group only', () => {
      const [group] = s.all('aws_cloudwatch_log_group');
      expect(group).toMatchObject({ name: '/ftp-kit/ftp', retention_in_days: 30 });
      const [keyName] = Object.keys(s.resources('aws_kms_key'));
      expect(group.kms_key_id).toBe(ref('aws_kms_key', keyName, 'arn'));
      const key = s.resources('aws_kms_key')[keyName];
      expect(key.enable_key_rotation).toBe(true);
      // The account id is a Terraform expression inside the JSON text: parse with it stood in for.
      const statements = JSON.parse(key.policy.replace(/\$\{[^}]*\}/g, 'ACCOUNT')).Statement as Array<{ Sid: string }>;
      const logs = statements.find((st) => st.Sid === 'CloudWatchLogsForThisLogGroupOnly') as Block;
      expect(logs.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
      expect(logs.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toBe('arn:aws:logs:us-east-1:ACCOUNT:log-group:/ftp-kit/ftp');
    });

    test('THEN a metric filter counts each vsftpd event, FAIL LOGIN among them', () => {
      const filters = s.all('aws_cloudwatch_log_metric_filter');
      expect(filters.map((f) => f.pattern).sort()).toEqual(
        Object.values(LOG_METRICS)
          .map((m) => m.pattern)
          .sort(),
      );
      expect(filters.find((f) => f.pattern.includes('FAIL LOGIN'))!.metric_transformation).toMatchObject({
        name: 'FailedLogins',
        namespace: 'FtpKit/ftp',
        value: '1',
      });
    });

    test(
      'THEN five alarms notify the encrypted topic: failed logins, instance check (reboot), ' +
        'system check (recover), disk > 80 %, certificate expiry',
      () => {
        const [topicName] = Object.keys(s.resources('aws_sns_topic'));
        const topicArn = ref('aws_sns_topic', topicName, 'arn');
        expect(s.resources('aws_sns_topic')[topicName].kms_master_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
        const alarms = s.all('aws_cloudwatch_metric_alarm');
        expect(alarms).toHaveLength(5);
        for (const alarm of alarms) expect(alarm.alarm_actions).toContain(topicArn);
        const byMetric = Object.fromEntries(alarms.map((a) => [a.metric_name, a]));
        expect(byMetric.FailedLogins).toMatchObject({ namespace: 'FtpKit/ftp', statistic: 'Sum', period: 300 });
        expect(byMetric.StatusCheckFailed_System.alarm_actions).toContain('arn:aws:automate:us-east-1:ec2:recover');
        expect(byMetric.StatusCheckFailed_Instance.alarm_actions).toContain('arn:aws:automate:us-east-1:ec2:reboot');
        expect(byMetric.DaysToExpiry).toMatchObject({ namespace: 'FtpKit', threshold: 14 });
        expect(byMetric.disk_used_percent).toMatchObject({
          threshold: 80,
          dimensions: { path: '/srv/ftp-kit', fstype: 'ext4' },
          namespace: 'FtpKit/ftp',
        });
        expect(server.alarmTopicArn).toBeDefined();
      },
    );

    test('THEN the e-mail address is subscribed to the topic', () => {
      expect(s.all('aws_sns_topic_subscription')).toEqual([expect.objectContaining({ protocol: 'email', endpoint: 'ops@example.com' })]);
    });

    test('THEN DLM snapshots the data volume daily, found by its tag, kept 7 days, through a role of its own', () => {
      const [policy] = s.all('aws_dlm_lifecycle_policy');
      const [volume] = s.all('aws_ebs_volume');
      expect(volume.tags).toMatchObject({ 'ftp-kit:backup': 'ftp-data' });
      expect(policy.policy_details).toMatchObject({
        resource_types: ['VOLUME'],
        target_tags: { 'ftp-kit:backup': 'ftp-data' },
        schedule: [
          expect.objectContaining({
            create_rule: expect.objectContaining({ interval: 24, interval_unit: 'HOURS' }),
            retain_rule: { interval: 7, interval_unit: 'DAYS' },
          }),
        ],
      });
      const assumedBy = (r: Block) => JSON.parse(r.assume_role_policy).Statement[0].Principal.Service;
      const role = Object.entries(s.resources('aws_iam_role')).find(([, r]) => assumedBy(r) === 'dlm.amazonaws.com')!;
      expect(policy.execution_role_arn).toBe(ref('aws_iam_role', role[0], 'arn'));
    });

    test("THEN the instance role may write only this log group's streams and only this namespace's metrics", () => {
      const agent = s.all('aws_iam_role_policy').find((p) => p.name === 'cloudwatch-agent')!;
      const [logs, metrics] = JSON.parse(agent.policy).Statement;
      const [groupName] = Object.keys(s.resources('aws_cloudwatch_log_group'));
      const groupArn = ref('aws_cloudwatch_log_group', groupName, 'arn');
      expect(logs).toEqual(
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [groupArn, `${groupArn}:*`],
        }),
      );
      expect(metrics).toEqual(
        expect.objectContaining({
          Action: 'cloudwatch:PutMetricData',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'FtpKit/ftp' } },
        }),
      );
      expect(JSON.stringify(s.all('aws_iam_role_policy_attachment'))).not.toContain('CloudWatchAgentServerPolicy');
    });

    test('THEN user-data installs fail2ban, unattended-upgrades, needrestart and the CloudWatch agent, with their files', () => {
      const doc = parse(userDataOf(s).replace(/\$\$\{/g, '${'));
      const paths = doc.write_files.map((f: { path: string }) => f.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/etc/fail2ban/jail.d/ftp-kit.conf',
          '/etc/fail2ban/filter.d/ftp-kit-vsftpd.conf',
          '/etc/fail2ban/action.d/ftp-kit-nftables.conf',
          '/etc/apt/apt.conf.d/52ftp-kit-unattended-upgrades',
          '/etc/needrestart/conf.d/ftp-kit.conf',
          '/etc/logrotate.d/ftp-kit',
          '/etc/systemd/system/ftp-kit-reboot.timer',
          '/etc/ftp-kit/cloudwatch-agent.json',
        ]),
      );
      const bootstrap = doc.write_files.find((f: { path: string }) => f.path === '/usr/local/sbin/ftp-kit-bootstrap').content;
      expect(bootstrap).toMatch(/apt-get install .*unattended-upgrades[\s\S]*fail2ban gnupg needrestart/);
      expect(bootstrap).toContain('https://amazoncloudwatch-agent-$REGION.s3.$REGION.amazonaws.com/debian/$DEB_ARCH/latest');
      expect(bootstrap).toContain("AGENT_KEY_FINGERPRINT='937616F3450B7D806CBD9725D58167303B789C72'");
    });
  });

  describe('GIVEN no alerts.email and an existing data volume', () => {
    let s: Synth;
    beforeAll(() => {
      const input = { ...DEFAULT_INPUT, storage: { volumeId: 'vol-0123456789abcdef0' }, availabilityZone: 'us-east-1b' };
      s = synth((stack) => {
        new FtpServer(stack, 'Server', { config: config(input) });
      });
    });

    test('THEN the alarms and topic stand without a subscription', () => {
      expect(s.all('aws_cloudwatch_metric_alarm')).toHaveLength(5);
      expect(s.all('aws_sns_topic')).toHaveLength(1);
      expect(s.json.resource.aws_sns_topic_subscription).toBeUndefined();
    });

    test('THEN the existing volume gets the backup tag through aws_ec2_tag', () => {
      expect(s.all('aws_ec2_tag')).toEqual([
        expect.objectContaining({ resource_id: 'vol-0123456789abcdef0', key: 'ftp-kit:backup', value: 'ftp-data' }),
      ]);
    });
  });
});
