import { Rule, RuleFinding } from './types';

/** The file system holds the users' files and the server's TLS key: encrypted at rest, always. */
export const rule: Rule = {
  id: 'FTPKIT-EFS-UNENCRYPTED',
  level: 'high',
  name: 'Unencrypted EFS file system',
  description: 'An EFS file system does not request encryption at rest.',
  fix: 'Set encrypted = true (optionally with kms_key_id); an existing file system must be recreated and its files copied.',
  refs: { checkov: ['CKV_AWS_42'], securityHub: ['EFS.1'], cdkNag: ['AwsSolutions-EFS1'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const fs of model.ofType('aws_efs_file_system')) {
      const encrypted = fs.values.encrypted ?? fs.expressions.encrypted;
      if (encrypted === true || encrypted === 'true') continue;
      findings.push({ resource: fs.address, message: `${fs.address} is not encrypted (encrypted = ${JSON.stringify(encrypted ?? null)})` });
    }
    return findings;
  },
};
