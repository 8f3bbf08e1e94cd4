import { ingressPaths, networkSources, opensTcpPort, portText, sourceText } from '../model/network';
import { Rule, RuleFinding } from './types';

/**
 * ftp-kit servers have no SSH: admins use SSM Session Manager, which needs no inbound port. An open
 * 22 is an escape hatch someone added, and a second login surface to brute-force.
 */
export const rule: Rule = {
  id: 'FTPKIT-SSH-INGRESS',
  level: 'high',
  name: 'Port 22 (SSH) open',
  description: 'A security group lets networks reach TCP port 22.',
  fix: 'Remove the rule; reach the server with `aws ssm start-session --target <instance id>` (the instance role allows Session Manager).',
  refs: { checkov: ['CKV_AWS_24'], securityHub: ['EC2.13'], cdkNag: ['NIST.800.53.R5-EC2RestrictedSSH'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const path of ingressPaths(model)) {
      const sources = networkSources(path);
      if (sources.length === 0 || !opensTcpPort(path, 22)) continue;
      findings.push({
        resource: path.rule,
        message:
          `${path.securityGroup} opens TCP ${portText(path)}, which includes ` +
          `SSH (22), to ${[...new Set(sources.map(sourceText))].join(', ')}`,
      });
    }
    return findings;
  },
};
