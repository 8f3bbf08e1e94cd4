import { FtpCertificate } from '../../lib/constructs/certificate';
import { config, DEFAULT_INPUT, synth } from './helpers';

const tlsOf = (tls: Parameters<typeof config>[0]['tls']) => config({ ...DEFAULT_INPUT, tls }).tls;

describe('FtpCertificate', () => {
  test('GIVEN alarm actions THEN the expiry alarm notifies them; GIVEN none THEN it only changes state', () => {
    const topic = 'arn:aws:sns:us-east-1:111122223333:ops';
    const withActions = synth(
      (stack) =>
        new FtpCertificate(stack, 'C', {
          name: 'ftp',
          region: 'us-east-1',
          tls: tlsOf(undefined),
          publicIp: '203.0.113.9',
          alarmActions: [topic],
        }),
    );
    expect(withActions.all('aws_cloudwatch_metric_alarm')[0].alarm_actions).toEqual([topic]);
    const without = synth(
      (stack) => new FtpCertificate(stack, 'C', { name: 'ftp', region: 'us-east-1', tls: tlsOf(undefined), publicIp: '203.0.113.9' }),
    );
    expect(without.all('aws_cloudwatch_metric_alarm')[0].alarm_actions).toBeUndefined();
  });

  test('GIVEN a China region THEN the Route 53 ARNs use the aws-cn partition', () => {
    const tls = tlsOf({ mode: 'lets-encrypt', domain: 'ftp.example.cn', hostedZoneId: 'Z1ABC', email: 'ops@example.cn' });
    let cert: FtpCertificate | undefined;
    synth((stack) => {
      cert = new FtpCertificate(stack, 'C', { name: 'ftp', region: 'cn-north-1', tls, publicIp: '203.0.113.9' });
    });
    expect(cert!.policyStatements.flatMap((s) => s.Resource)).toEqual([
      '*',
      'arn:aws-cn:route53:::hostedzone/Z1ABC',
      'arn:aws-cn:route53:::hostedzone/Z1ABC',
      'arn:aws-cn:route53:::change/*',
    ]);
  });

  test('GIVEN imported THEN no record and no parameter are made', () => {
    const s = synth(
      (stack) =>
        new FtpCertificate(stack, 'C', {
          name: 'ftp',
          region: 'us-east-1',
          tls: tlsOf({ mode: 'imported', secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:c-AbCdEf' }),
          publicIp: '203.0.113.9',
        }),
    );
    expect(s.all('aws_route53_record')).toEqual([]);
    expect(s.all('aws_ssm_parameter')).toEqual([]);
  });
});
