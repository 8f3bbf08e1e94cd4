import { blocks } from '../model/expressions';
import { ModelResource } from '../model/types';
import { Rule, RuleFinding } from './types';

const encryptedFlag = (known: Record<string, unknown>, written: Record<string, unknown>) => known.encrypted ?? written.encrypted;

/** Pairs known and written blocks of one nested-block attribute. */
function pairedBlocks(resource: ModelResource, key: string): Array<{ known: Record<string, unknown>; written: Record<string, unknown> }> {
  const known = blocks(resource.values[key]);
  const written = blocks(resource.expressions[key]);
  return Array.from({ length: Math.max(known.length, written.length) }, (_, i) => ({ known: known[i] ?? {}, written: written[i] ?? {} }));
}

/**
 * The data volume holds the users' files, their password hashes and the TLS key; the root volume
 * holds logs with user names and addresses. Unencrypted, a snapshot shared by mistake leaks them.
 */
export const rule: Rule = {
  id: 'FTPKIT-UNENCRYPTED-VOLUME',
  level: 'high',
  name: 'Unencrypted EBS volume',
  description:
    "An EBS volume, an instance's root or extra block device, or a launch template's block device mapping does not request encryption.",
  fix:
    'Set encrypted = true (optionally with kms_key_id) on the volume, ' +
    'root_block_device, ebs_block_device and block_device_mappings.ebs.',
  refs: {
    checkov: ['CKV_AWS_3', 'CKV_AWS_8'],
    securityHub: ['EC2.3'],
    cdkNag: ['AwsSolutions-EC26', 'NIST.800.53.R5-EC2EBSVolumeEncrypted'],
  },
  check(model) {
    // Account-wide default encryption covers every new volume.
    if (model.ofType('aws_ebs_encryption_by_default').some((r) => (r.values.enabled ?? r.expressions.enabled ?? true) === true)) return [];
    const findings: RuleFinding[] = [];
    for (const volume of model.ofType('aws_ebs_volume')) {
      if (encryptedFlag(volume.values, volume.expressions) !== true)
        findings.push({
          resource: volume.address,
          message:
            `${volume.address} is not encrypted (encrypted ` +
            `= ${JSON.stringify(encryptedFlag(volume.values, volume.expressions) ?? null)})`,
        });
    }
    for (const instance of model.ofType('aws_instance')) {
      const roots = pairedBlocks(instance, 'root_block_device');
      if (roots.length === 0)
        findings.push({
          resource: instance.address,
          message: `${instance.address} has no root_block_device block, so its root volume is encrypted only if the AMI's snapshot is`,
        });
      for (const { known, written } of roots) {
        if (encryptedFlag(known, written) !== true)
          findings.push({ resource: instance.address, message: `the root volume of ${instance.address} is not encrypted` });
      }
      for (const { known, written } of pairedBlocks(instance, 'ebs_block_device')) {
        if (encryptedFlag(known, written) !== true)
          findings.push({
            resource: instance.address,
            message: `the EBS device ${String(known.device_name ?? written.device_name ?? '?')} of ${instance.address} is not encrypted`,
          });
      }
    }
    for (const template of model.ofType('aws_launch_template')) {
      for (const { known, written } of pairedBlocks(template, 'block_device_mappings')) {
        const ebsKnown = blocks(known.ebs)[0];
        const ebsWritten = blocks(written.ebs)[0];
        if (!ebsKnown && !ebsWritten) continue;
        if (encryptedFlag(ebsKnown ?? {}, ebsWritten ?? {}) !== true && String(ebsKnown?.encrypted ?? ebsWritten?.encrypted) !== 'true') {
          findings.push({
            resource: template.address,
            message: `the block device ${String(known.device_name ?? written.device_name ?? '?')} of ${template.address} is not encrypted`,
          });
        }
      }
    }
    return findings;
  },
};
