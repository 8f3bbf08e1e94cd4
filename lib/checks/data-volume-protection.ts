import { soleReference } from '../model/expressions';
import { ftpServers } from '../model/server';
import { Rule, RuleFinding } from './types';

/**
 * The data volume outlives instance replacement, but `terraform destroy`, a renamed construct or a
 * changed zone deletes it with every partner's files. final_snapshot makes Terraform snapshot it
 * first, so a deletion can be undone.
 */
export const rule: Rule = {
  id: 'FTPKIT-DATA-VOLUME-UNPROTECTED',
  level: 'medium',
  name: 'Data volume not protected against deletion',
  description: 'The EBS volume attached to the FTP server is deleted without a final snapshot.',
  fix: "Set final_snapshot = true on the data volume (FtpDataVolume's finalSnapshot, on by default), or cover it by an AWS Backup plan.",
  refs: { securityHub: ['EC2.28'], cdkNag: ['NIST.800.53.R5-EC2EBSInBackupPlan'] },
  check(model) {
    const servers = new Set(ftpServers(model).map((s) => s.instanceAddress));
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const attachment of model.ofType('aws_volume_attachment')) {
      const instance = soleReference(attachment.expressions.instance_id)?.address;
      const volume = soleReference(attachment.expressions.volume_id)?.address;
      // With recorded servers, only their volumes are data volumes; otherwise every attached volume is.
      if (!volume || (servers.size > 0 && (!instance || !servers.has(instance)))) continue;
      const resource = model.get(volume);
      if (!resource || resource.type !== 'aws_ebs_volume' || seen.has(volume)) continue;
      seen.add(volume);
      const snapshot = resource.values.final_snapshot ?? resource.expressions.final_snapshot;
      if (snapshot !== true)
        findings.push({
          resource: volume,
          message:
            `${volume}, attached to ${instance ?? 'the server'}, is deleted ` +
            `without a final snapshot (final_snapshot ` +
            `= ${JSON.stringify(snapshot ?? false)})`,
        });
    }
    return findings;
  },
};
