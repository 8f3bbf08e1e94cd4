/*
 * docs/iam-deploy-policy.json, the minimal policy for `ftp-kit deploy`, checked against the resource
 * types of real synthesized stacks: a new type without its actions fails, and so does an action no
 * type needs (the policy stays minimal).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizeStack } from '../../lib/stack/synth';
import { validateConfig } from '../../lib/config/load';

/** What terraform's AWS provider calls to create, change, read and delete each type (besides ec2:Describe*). */
const ACTIONS: Record<string, readonly string[]> = {
  aws_vpc: ['ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:ModifyVpcAttribute', 'ec2:AssociateVpcCidrBlock', 'ec2:DisassociateVpcCidrBlock'],
  aws_subnet: [
    'ec2:CreateSubnet',
    'ec2:DeleteSubnet',
    'ec2:ModifySubnetAttribute',
    'ec2:AssociateSubnetCidrBlock',
    'ec2:DisassociateSubnetCidrBlock',
  ],
  aws_internet_gateway: [
    'ec2:CreateInternetGateway',
    'ec2:DeleteInternetGateway',
    'ec2:AttachInternetGateway',
    'ec2:DetachInternetGateway',
  ],
  aws_route_table: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable'],
  aws_route: ['ec2:CreateRoute', 'ec2:DeleteRoute', 'ec2:ReplaceRoute'],
  aws_route_table_association: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable', 'ec2:ReplaceRouteTableAssociation'],
  // The provider revokes a new group's default egress rule.
  aws_security_group: [
    'ec2:CreateSecurityGroup',
    'ec2:DeleteSecurityGroup',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupIngress',
  ],
  aws_vpc_security_group_ingress_rule: [
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:ModifySecurityGroupRules',
    'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
  ],
  aws_vpc_security_group_egress_rule: [
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:ModifySecurityGroupRules',
    'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
  ],
  aws_ec2_managed_prefix_list: [
    'ec2:CreateManagedPrefixList',
    'ec2:DeleteManagedPrefixList',
    'ec2:ModifyManagedPrefixList',
    'ec2:GetManagedPrefixListEntries',
    'ec2:GetManagedPrefixListAssociations',
  ],
  aws_eip: ['ec2:AllocateAddress', 'ec2:ReleaseAddress', 'ec2:DisassociateAddress'],
  aws_eip_association: ['ec2:AssociateAddress', 'ec2:DisassociateAddress'],
  // final_snapshot: a snapshot before the volume goes.
  aws_ebs_volume: ['ec2:CreateVolume', 'ec2:DeleteVolume', 'ec2:ModifyVolume', 'ec2:CreateSnapshot'],
  aws_volume_attachment: ['ec2:AttachVolume', 'ec2:DetachVolume'],
  // RunInstances resolves the launch template's resolve:ssm: AMI with the caller's ssm:GetParameters.
  aws_launch_template: [
    'ec2:CreateLaunchTemplate',
    'ec2:DeleteLaunchTemplate',
    'ec2:CreateLaunchTemplateVersion',
    'ec2:ModifyLaunchTemplate',
    'ssm:GetParameters',
    'ssm:GetParameter',
  ],
  aws_instance: [
    'ec2:RunInstances',
    'ec2:TerminateInstances',
    'ec2:StopInstances',
    'ec2:StartInstances',
    'ec2:ModifyInstanceAttribute',
    'ec2:ModifyInstanceMetadataOptions',
    'ec2:CreateTags',
    'ec2:DeleteTags',
    'iam:PassRole',
  ],
  aws_iam_role: [
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:GetRole',
    'iam:UpdateRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:TagRole',
    'iam:UntagRole',
    'iam:ListRolePolicies',
    'iam:ListAttachedRolePolicies',
    'iam:ListInstanceProfilesForRole',
  ],
  aws_iam_role_policy: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
  aws_iam_instance_profile: [
    'iam:CreateInstanceProfile',
    'iam:DeleteInstanceProfile',
    'iam:GetInstanceProfile',
    'iam:TagInstanceProfile',
    'iam:AddRoleToInstanceProfile',
    'iam:RemoveRoleFromInstanceProfile',
  ],
  aws_secretsmanager_secret: [
    'secretsmanager:CreateSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:UpdateSecret',
    'secretsmanager:GetResourcePolicy',
    'secretsmanager:TagResource',
    'secretsmanager:UntagResource',
  ],
  aws_cloudwatch_log_group: [
    'logs:CreateLogGroup',
    'logs:DeleteLogGroup',
    'logs:DescribeLogGroups',
    'logs:PutRetentionPolicy',
    'logs:DeleteRetentionPolicy',
    'logs:AssociateKmsKey',
    'logs:DisassociateKmsKey',
    'logs:TagResource',
    'logs:UntagResource',
    'logs:ListTagsForResource',
  ],
  aws_cloudwatch_log_metric_filter: ['logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'logs:DescribeMetricFilters'],
  aws_cloudwatch_metric_alarm: [
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DeleteAlarms',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:TagResource',
    'cloudwatch:UntagResource',
    'cloudwatch:ListTagsForResource',
  ],
  // The policy runs as its own role, which the provider passes to DLM.
  aws_dlm_lifecycle_policy: [
    'dlm:CreateLifecyclePolicy',
    'dlm:DeleteLifecyclePolicy',
    'dlm:GetLifecyclePolicy',
    'dlm:UpdateLifecyclePolicy',
    'dlm:TagResource',
    'dlm:UntagResource',
    'dlm:ListTagsForResource',
    'iam:PassRole',
  ],
  aws_kms_key: [
    'kms:CreateKey',
    'kms:ScheduleKeyDeletion',
    'kms:DescribeKey',
    'kms:GetKeyPolicy',
    'kms:PutKeyPolicy',
    'kms:EnableKeyRotation',
    'kms:GetKeyRotationStatus',
    'kms:UpdateKeyDescription',
    'kms:ListResourceTags',
    'kms:TagResource',
    'kms:UntagResource',
  ],
  aws_kms_alias: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias', 'kms:ListAliases'],
  aws_sns_topic: [
    'sns:CreateTopic',
    'sns:DeleteTopic',
    'sns:GetTopicAttributes',
    'sns:SetTopicAttributes',
    'sns:TagResource',
    'sns:UntagResource',
    'sns:ListTagsForResource',
  ],
  aws_sns_topic_policy: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
  aws_sns_topic_subscription: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes'],
  // Self-signed: the parameter the server publishes its certificate's fingerprint to.
  aws_ssm_parameter: [
    'ssm:PutParameter',
    'ssm:DeleteParameter',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:DescribeParameters',
    'ssm:AddTagsToResource',
    'ssm:RemoveTagsFromResource',
    'ssm:ListTagsForResource',
  ],
  // lets-encrypt: the domain's A record.
  aws_route53_record: ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListResourceRecordSets', 'route53:GetHostedZone'],
  terraform_data: [],
};
/** Whatever the stack holds: reads, the provider's identity check, and the optional S3 state. */
const ALWAYS = ['ec2:Describe*', 'sts:GetCallerIdentity', 's3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'];

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string;
}
const policy = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'docs', 'iam-deploy-policy.json'), 'utf8')) as {
  Version: string;
  Statement: Statement[];
};
const granted = policy.Statement.flatMap((s) => s.Action);

function resourceTypes(raw: Record<string, unknown>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-iam-'));
  try {
    const { stackDir } = synthesizeStack(validateConfig(raw), dir, { workingDirectory: dir });
    return Object.keys(JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).resource);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docs/iam-deploy-policy.json', () => {
  const types = [
    ...new Set([
      ...resourceTypes({ allow: ['198.51.100.0/24', '2001:db8::/32'], users: [{ name: 'alice', write: true }] }),
      ...resourceTypes({
        allow: ['198.51.100.0/24'],
        users: [{ name: 'alice' }],
        subnetId: 'subnet-0123456789abcdef0',
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZone: 'us-east-1b',
        state: { backend: 's3', bucket: 'example-ftp-kit-state' },
        alerts: { email: 'ops@example.com' },
        tls: { mode: 'lets-encrypt', domain: 'ftp.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', email: 'ops@example.com' },
      }),
    ]),
  ].sort();

  test('GIVEN the synthesized stacks THEN every resource type has its actions in the policy', () => {
    expect(types.filter((t) => !(t in ACTIONS))).toEqual([]);
    const missing = types.flatMap((t) => ACTIONS[t].filter((a) => !granted.includes(a)).map((a) => `${t}: ${a}`));
    expect(missing).toEqual([]);
  });

  test('THEN it grants nothing the stack does not need, and no wildcard that writes', () => {
    const needed = new Set([...ALWAYS, ...types.flatMap((t) => ACTIONS[t])]);
    expect(granted.filter((a) => !needed.has(a))).toEqual([]);
    expect(granted.filter((a) => a.includes('*') && !/:(Describe|Get|List)\*$/.test(a))).toEqual([]);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.every((s) => s.Effect === 'Allow' && Array.isArray(s.Action) && typeof s.Resource === 'string')).toBe(true);
  });
});
