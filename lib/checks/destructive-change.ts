import { Rule, RuleFinding } from './types';

/** What is lost when each kind of resource is destroyed. */
export const PRECIOUS: Readonly<Record<string, string>> = {
  aws_ebs_volume: "the users' files, password file and TLS key on it",
  aws_eip: 'the address partners have allowlisted and configured',
  aws_secretsmanager_secret: "the user's password (the server will not make a new one)",
};

/**
 * A plan that deletes or replaces the data volume, the Elastic IP or a user secret destroys what
 * partners depend on. Replacements hide in innocent-looking changes (a renamed construct, a new
 * zone), so the review calls them out.
 */
export const rule: Rule = {
  id: 'FTPKIT-DESTRUCTIVE-CHANGE',
  level: 'high',
  name: 'Plan destroys the data volume, the Elastic IP or a user secret',
  description: 'The plan deletes or replaces a resource that holds state partners depend on.',
  fix:
    "Find what forces the replacement (the plan's replace_paths; a " +
    'renamed construct ID) and undo it, or move the resource in state ' +
    '(`terraform state mv`, a moved block). Acknowledge only a deliberate ' +
    'teardown.',
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const resource of model.resources) {
      const lost = PRECIOUS[resource.type];
      if (!lost || resource.mode !== 'managed' || !resource.actions.includes('delete')) continue;
      const verb = resource.actions.includes('create') ? 'replaces' : 'destroys';
      const why = resource.actionReason ? ` (${resource.actionReason.replace(/_/g, ' ')})` : '';
      findings.push({ resource: resource.address, message: `the plan ${verb} ${resource.address}${why}: ${lost} would be lost` });
    }
    return findings;
  },
};
