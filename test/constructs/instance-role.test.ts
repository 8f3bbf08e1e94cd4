import { FtpInstanceRole } from '../../lib/constructs/instance-role';
import { ref, Synth, synth } from './helpers';

const ARNS = [
  'arn:aws:secretsmanager:us-east-1:111122223333:secret:ftp-kit/ftp/alice-AbCdEf',
  'arn:aws:secretsmanager:us-east-1:111122223333:secret:ftp-kit/ftp/bob-GhIjKl',
];

describe('FtpInstanceRole', () => {
  describe('GIVEN two secret ARNs', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth((stack) => new FtpInstanceRole(stack, 'Role', { name: 'ftp', region: 'us-east-1', secretArns: ARNS }));
    });

    test('THEN only EC2 may assume the role', () => {
      const trust = JSON.parse(s.all('aws_iam_role')[0].assume_role_policy);
      expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    });

    test('THEN the only managed policy is AmazonSSMManagedInstanceCore', () => {
      expect(s.all('aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      ]);
    });

    test('THEN the inline policy allows only PutSecretValue, on exactly those ARNs', () => {
      const policies = s.all('aws_iam_role_policy');
      expect(policies).toHaveLength(1);
      const statements = JSON.parse(policies[0].policy).Statement;
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: ['secretsmanager:PutSecretValue'], Resource: ARNS });
      expect(statements[0].NotAction ?? statements[0].NotResource ?? statements[0].Condition).toBeUndefined();
    });

    test('THEN the instance profile carries the role', () => {
      const [roleName] = Object.keys(s.resources('aws_iam_role'));
      expect(s.all('aws_iam_instance_profile')).toEqual([expect.objectContaining({ role: ref('aws_iam_role', roleName, 'name') })]);
    });
  });

  test('GIVEN a China region THEN the managed policy ARN uses the aws-cn partition', () => {
    const s = synth((stack) => new FtpInstanceRole(stack, 'Role', { name: 'ftp', region: 'cn-north-1', secretArns: ARNS }));
    expect(s.all('aws_iam_role_policy_attachment')[0].policy_arn).toBe('arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore');
  });

  test('GIVEN certificate statements THEN they are a separate inline policy, verbatim', () => {
    const statement = {
      Sid: 'ReadImportedCertificate',
      Effect: 'Allow' as const,
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [ARNS[0]],
    };
    const s = synth(
      (stack) =>
        new FtpInstanceRole(stack, 'Role', { name: 'ftp', region: 'us-east-1', secretArns: ARNS, certificateStatements: [statement] }),
    );
    const policy = s.all('aws_iam_role_policy').find((p) => p.name === 'certificate');
    expect(JSON.parse(policy!.policy).Statement).toEqual([statement]);
  });

  test('fails when there is no secret ARN', () => {
    expect(() => synth((stack) => new FtpInstanceRole(stack, 'Role', { name: 'ftp', region: 'us-east-1', secretArns: [] }))).toThrow(
      /secretArns is empty/,
    );
  });
});
