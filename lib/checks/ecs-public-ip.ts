import { block } from '../model/expressions';
import { Rule, RuleFinding } from './types';

/**
 * The FTP task is reached through the load balancer's Elastic IP only. A public IP on the task
 * is a second way in, past the load balancer, and an address vsftpd does not announce.
 */
export const rule: Rule = {
  id: 'FTPKIT-ECS-PUBLIC-IP',
  level: 'high',
  name: 'Public IP on the ECS task',
  description: 'An ECS service gives its tasks a public IP address (network_configuration.assign_public_ip).',
  fix: 'Set assign_public_ip = false; the task reaches AWS APIs through VPC endpoints (FtpContainerServer makes them) or a NAT gateway.',
  refs: { securityHub: ['ECS.2'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const service of model.ofType('aws_ecs_service')) {
      const assigned =
        block(service.values.network_configuration).assign_public_ip ?? block(service.expressions.network_configuration).assign_public_ip;
      if (assigned !== true && assigned !== 'true') continue;
      findings.push({ resource: service.address, message: `${service.address} gives its tasks a public IP (assign_public_ip = true)` });
    }
    return findings;
  },
};
