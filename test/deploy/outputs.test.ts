import { consoleOutputCommand, formatOutputs, parseOutputs, passwordCommand } from '../../lib/deploy/outputs';

const RAW = {
  public_ip: { value: '203.0.113.10', type: 'string', sensitive: false },
  endpoint: { value: 'ftp://203.0.113.10:2121', type: 'string', sensitive: false },
  instance_id: { value: 'i-0123456789abcdef0' },
  data_volume_id: { value: 'vol-0123456789abcdef0' },
  prefix_list_ids: { value: ['pl-0123'] },
  user_secret_arns: { value: { alice: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:ftp-kit/partners/alice-AbCdEf' } },
};

describe('parseOutputs', () => {
  test('GIVEN terraform output -json THEN every output is read', () => {
    expect(parseOutputs(RAW)).toEqual({
      publicIp: '203.0.113.10',
      endpoint: 'ftp://203.0.113.10:2121',
      instanceId: 'i-0123456789abcdef0',
      securityGroupId: undefined,
      prefixListIds: ['pl-0123'],
      dataVolumeId: 'vol-0123456789abcdef0',
      userSecretArns: { alice: RAW.user_secret_arns.value.alice },
      certificateFingerprintParameter: undefined,
    });
  });
  test('GIVEN the operations outputs THEN the alarm topic and the log group are read and printed', () => {
    const topic = 'arn:aws:sns:eu-central-1:123456789012:partners-ftp-alarms';
    const raw = { ...RAW, alarm_topic_arn: { value: topic }, log_group_name: { value: '/ftp-kit/partners' } };
    const outputs = parseOutputs(raw);
    expect(outputs).toMatchObject({ alarmTopicArn: raw.alarm_topic_arn.value, logGroupName: '/ftp-kit/partners' });
    const text = formatOutputs(outputs, 'eu-central-1');
    expect(text).toContain('logs:         /ftp-kit/partners  (aws logs tail --region eu-central-1 --follow /ftp-kit/partners)');
    expect(text).toContain('alarms:       arn:aws:sns:eu-central-1:123456789012:partners-ftp-alarms');
  });
  test('fails when the stack has not been applied (no outputs)', () => {
    expect(() => parseOutputs({})).toThrow(/no public_ip\/endpoint output .* has it been deployed/);
  });
});

describe('commands printed for the admin', () => {
  test('GIVEN a self-signed stack THEN the summary tells how to read the published fingerprint', () => {
    const text = formatOutputs(
      parseOutputs({ ...RAW, certificate_fingerprint_parameter: { value: '/ftp-kit/partners/certificate-sha256' } }),
      'eu-central-1',
    );
    expect(text).toContain(
      'fingerprint:  aws ssm get-parameter --region eu-central-1 --name ' +
        '/ftp-kit/partners/certificate-sha256 --query Parameter.Value --output text',
    );
  });
  test('THEN the password command reads the secret and nothing else', () => {
    expect(passwordCommand(RAW.user_secret_arns.value.alice, 'eu-central-1')).toBe(
      'aws secretsmanager get-secret-value --region eu-central-1 --secret-id ' +
        'arn:aws:secretsmanager:eu-central-1:123456789012:secret:ftp-kit/partners/alice-AbCdEf ' +
        '--query SecretString --output text',
    );
  });
  test('fails when a value from the state would break out of a shell word: it is quoted', () => {
    expect(passwordCommand("arn'; rm -rf ~; '", 'us-east-1')).toContain("--secret-id 'arn'\\''; rm -rf ~; '\\'''");
  });
  test('THEN the console command names the instance', () => {
    expect(consoleOutputCommand('i-0123456789abcdef0', 'us-east-1')).toBe(
      'aws ec2 get-console-output --region us-east-1 --instance-id i-0123456789abcdef0 --latest --output text',
    );
  });
  test("THEN the summary has the endpoint, the fingerprint, each user's password command and a doctor line", () => {
    const text = formatOutputs(parseOutputs(RAW), 'eu-central-1', {
      certificateFingerprint: 'AB:CD',
      controlPort: 2121,
      passive: { from: 50000, to: 50049 },
    });
    expect(text).toContain('endpoint:     ftp://203.0.113.10:2121');
    expect(text).toContain('SHA-256 AB:CD');
    expect(text).toContain(`  alice: ${passwordCommand(RAW.user_secret_arns.value.alice, 'eu-central-1')}`);
    expect(text).toContain('ftp-kit doctor 203.0.113.10 --port 2121 --user alice --password-env FTP_PASSWORD --expect-passive 50000-50049');
  });
});
