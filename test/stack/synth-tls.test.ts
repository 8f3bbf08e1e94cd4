/*
 * Each tls mode synthesizes and plans offline with plain terraform; the role's certificate grants are
 * compared exactly, and neither the synth output nor the plan carries key material.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { DEFAULT_INPUT } from '../constructs/helpers';
import { findSecrets, offlineEnv, Planned, plannedResources, synthAndPlan } from './synth-helpers';

const ZONE = 'Z07ABCDEF1234567890XY';
const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:partner-ftp-cert-Zx9Yw8';
const MODES: Record<string, FtpKitConfigInput['tls']> = {
  'lets-encrypt': { mode: 'lets-encrypt', domain: 'files.partner-drop.example.org', hostedZoneId: ZONE, email: 'ops@example.org' },
  imported: { mode: 'imported', secretArn: ARN },
  'self-signed': { mode: 'self-signed', maxVersion: '1.3' },
};

function certificatePolicy(p: Planned): any[] {
  const policy = plannedResources(p.plan).find((r) => r.type === 'aws_iam_role_policy' && r.values.name === 'certificate');
  return JSON.parse(policy!.values.policy).Statement;
}

const METRIC = {
  Sid: 'PublishDaysToExpiry',
  Effect: 'Allow',
  Action: ['cloudwatch:PutMetricData'],
  Resource: ['*'],
  Condition: { StringEquals: { 'cloudwatch:namespace': 'FtpKit' } },
};

describe('synth and offline plan of each tls mode', () => {
  let root: string;
  const planned: Record<string, Planned> = {};

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-synth-tls-'));
    const env = offlineEnv(root);
    const runs = Object.entries(MODES).map(async ([mode, tls]) => {
      planned[mode] = await synthAndPlan(root, mode, { ...DEFAULT_INPUT, tls }, env);
    });
    await Promise.all(runs);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN lets-encrypt THEN an A record names the domain in that zone, pointing at the Elastic IP', () => {
    const records = plannedResources(planned['lets-encrypt'].plan).filter((r) => r.type === 'aws_route53_record');
    expect(records.map((r) => r.values)).toEqual([
      expect.objectContaining({ zone_id: ZONE, name: 'files.partner-drop.example.org', type: 'A', ttl: 300 }),
    ]);
    const synth = JSON.parse(planned['lets-encrypt'].synthText);
    const [record] = Object.values(synth.resource.aws_route53_record) as any[];
    expect(record.records).toEqual([expect.stringMatching(/^\$\{aws_eip\.[^.]+\.public_ip\}$/)]);
  });

  test('GIVEN lets-encrypt THEN the user-data sets up lego for DNS-01 in that zone, with its renewal timer', () => {
    const text = planned['lets-encrypt'].synthText;
    for (const part of [
      `AWS_HOSTED_ZONE_ID='${ZONE}'`,
      "DOMAIN='files.partner-drop.example.org'",
      "--dns 'route53'",
      'ftp-kit-cert.timer',
      'needrestart lego',
    ]) {
      expect(text).toContain(part);
    }
  });

  test('GIVEN lets-encrypt THEN the role may change only the challenge TXT record of that zone, read it, and wait for changes', () => {
    expect(certificatePolicy(planned['lets-encrypt'])).toEqual([
      METRIC,
      {
        Sid: 'AcmeDnsChallenge',
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets'],
        Resource: [`arn:aws:route53:::hostedzone/${ZONE}`],
        Condition: {
          'ForAllValues:StringEquals': {
            'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.files.partner-drop.example.org'],
            'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'],
          },
        },
      },
      {
        Sid: 'AcmeReadChallengeRecord',
        Effect: 'Allow',
        Action: ['route53:ListResourceRecordSets'],
        Resource: [`arn:aws:route53:::hostedzone/${ZONE}`],
      },
      {
        Sid: 'AcmeWaitForChange',
        Effect: 'Allow',
        Action: ['route53:GetChange'],
        Resource: ['arn:aws:route53:::change/*'],
      },
    ]);
  });

  test('GIVEN imported THEN the role may read that one secret and nothing else', () => {
    expect(certificatePolicy(planned.imported)).toEqual([
      METRIC,
      { Sid: 'ReadImportedCertificate', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [ARN] },
    ]);
    expect(plannedResources(planned.imported.plan).filter((r) => r.type === 'aws_route53_record')).toEqual([]);
  });

  test('GIVEN self-signed THEN the instance may write only the fingerprint parameter, which Terraform leaves to it', () => {
    // The parameter's ARN is known only after apply: the synthesized policy names it by reference.
    const synth = JSON.parse(planned['self-signed'].synthText);
    const [name, parameter] = Object.entries(synth.resource.aws_ssm_parameter)[0] as [string, any];
    expect(parameter).toMatchObject({ name: '/ftp-kit/ftp/certificate-sha256', type: 'String', lifecycle: { ignore_changes: ['value'] } });
    const policy = Object.values(synth.resource.aws_iam_role_policy as Record<string, any>).find((p) => p.name === 'certificate');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      METRIC,
      {
        Sid: 'PublishFingerprint',
        Effect: 'Allow',
        Action: ['ssm:PutParameter'],
        Resource: [`\${aws_ssm_parameter.${name}.arn}`],
      },
    ]);
  });

  test('GIVEN any mode THEN a days-to-expiry alarm watches the metric the instance publishes, under 14 days', () => {
    for (const p of Object.values(planned)) {
      const alarms = plannedResources(p.plan).filter(
        (r) => r.type === 'aws_cloudwatch_metric_alarm' && r.values.metric_name === 'DaysToExpiry',
      );
      expect(alarms.map((a) => a.values)).toEqual([
        expect.objectContaining({
          namespace: 'FtpKit',
          metric_name: 'DaysToExpiry',
          dimensions: { Server: 'ftp' },
          threshold: 14,
          comparison_operator: 'LessThanThreshold',
          treat_missing_data: 'breaching',
        }),
      ]);
    }
  });

  test('GIVEN any mode THEN no private key, password or credential is in the synth output or the plan JSON', () => {
    for (const p of Object.values(planned)) {
      expect(findSecrets(p.synthText)).toEqual([]);
      expect(findSecrets(p.planText)).toEqual([]);
    }
  });
});
