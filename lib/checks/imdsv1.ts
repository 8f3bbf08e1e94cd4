import { block, soleReference } from '../model/expressions';
import { ModelResource } from '../model/types';
import { Rule, RuleFinding } from './types';

/** http_tokens as set on a resource: the known value, else the literal written. */
function metadataOptions(resource: ModelResource): { tokens?: unknown; endpoint?: unknown } {
  const known = block(resource.values.metadata_options);
  const written = block(resource.expressions.metadata_options);
  return { tokens: known.http_tokens ?? written.http_tokens, endpoint: known.http_endpoint ?? written.http_endpoint };
}

/**
 * IMDSv1 answers plain GETs: one SSRF or proxy mistake on the box hands out the instance role's
 * credentials. IMDSv2 needs a PUT-issued session token, which such bugs cannot forge.
 */
export const rule: Rule = {
  id: 'FTPKIT-IMDSV1',
  level: 'high',
  name: 'Instance metadata v1 allowed',
  description: 'An instance (or its launch template) does not require IMDSv2 session tokens.',
  fix:
    'Set metadata_options { http_tokens = "required" } on the launch ' +
    "template (FtpInstance does) and leave the instance's own " +
    'metadata_options unset.',
  refs: { checkov: ['CKV_AWS_79'], securityHub: ['EC2.8'], cdkNag: ['NIST.800.53.R5-EC2IMDSv2Enabled'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const instance of model.ofType('aws_instance')) {
      let { tokens, endpoint } = metadataOptions(instance);
      let from = instance.address;
      if (tokens === undefined && endpoint === undefined) {
        const ref =
          soleReference(block(instance.expressions.launch_template).id) ?? soleReference(block(instance.expressions.launch_template).name);
        const template = ref ? model.get(ref.address) : undefined;
        if (template) {
          ({ tokens, endpoint } = metadataOptions(template));
          from = template.address;
        }
      }
      if (endpoint === 'disabled' || tokens === 'required') continue;
      findings.push({
        resource: from,
        message:
          `${instance.address} allows IMDSv1: http_tokens ` +
          `is ${tokens === undefined ? 'not set (EC2 then accepts v1)' : JSON.stringify(tokens)}` +
          `${from !== instance.address ? ` in ${from}` : ''}`,
      });
    }
    return findings;
  },
};
