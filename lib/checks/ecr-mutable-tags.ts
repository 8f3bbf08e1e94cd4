import { Rule, RuleFinding } from './types';

/**
 * The task definition names its image by tag. With mutable tags, a push under the same tag swaps
 * the server's code without any change to the stack that a review would see.
 */
export const rule: Rule = {
  id: 'FTPKIT-ECR-MUTABLE-TAGS',
  level: 'medium',
  name: 'Image tags can be overwritten',
  description: 'An ECR repository allows a tag to be pushed again (image_tag_mutability is not IMMUTABLE).',
  fix:
    'Set image_tag_mutability = "IMMUTABLE"; ftp-kit image build tags each build with a hash of its files, ' +
    'so a new config gets a new tag.',
  refs: { checkov: ['CKV_AWS_51'], securityHub: ['ECR.2'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const repo of model.ofType('aws_ecr_repository')) {
      const mutability = repo.values.image_tag_mutability ?? repo.expressions.image_tag_mutability ?? 'MUTABLE';
      if (mutability === 'IMMUTABLE') continue;
      const message = `${repo.address} has image_tag_mutability = ${JSON.stringify(mutability)}: a tag can be pushed again`;
      findings.push({ resource: repo.address, message });
    }
    return findings;
  },
};
