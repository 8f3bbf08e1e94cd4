import { Rule, RuleFinding } from './types';

/**
 * The server's logs name users, client addresses and file names. A log group without a KMS key
 * of the stack's own is readable by anyone with logs:GetLogEvents and leaves no key policy or
 * CloudTrail KMS record in the way.
 */
export const rule: Rule = {
  id: 'FTPKIT-LOGS-UNENCRYPTED',
  level: 'medium',
  name: 'Log group not encrypted with a KMS key',
  description:
    "A CloudWatch Logs log group has no kms_key_id: the server's logs (users, addresses, file names) " + 'are not under a key policy.',
  fix:
    'Set kms_key_id on the log group to a customer managed key whose policy admits logs.<region>.amazonaws.com ' +
    'for that log group (FtpLogGroup does).',
  refs: { checkov: ['CKV_AWS_158'], cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupEncrypted'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const group of model.ofType('aws_cloudwatch_log_group')) {
      const key = group.values.kms_key_id ?? group.expressions.kms_key_id;
      if (typeof key !== 'string' || key === '') {
        const name = String(group.values.name ?? group.expressions.name ?? '?');
        findings.push({ resource: group.address, message: `${group.address} (${name}) has no kms_key_id` });
      }
    }
    return findings;
  },
};
