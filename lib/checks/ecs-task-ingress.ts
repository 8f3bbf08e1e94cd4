import { ingressPaths, isPublicSource, portText, sourceText } from '../model/network';
import { containerServices } from '../model/container';
import { Rule, RuleFinding } from './types';

/**
 * Clients keep their own address through the load balancer (preserve_client_ip), so the task's
 * security group is what enforces `allow`: it may admit networks (the allowlist) on the FTP ports,
 * and the load balancer's own group only on the control port, for health checks. Any other
 * security group as a source, the whole internet, or another port widens who reaches vsftpd.
 */
export const rule: Rule = {
  id: 'FTPKIT-ECS-TASK-INGRESS',
  level: 'high',
  name: 'FTP task reachable beyond the allowlist',
  description:
    "The ECS task's security group admits a source other than the allowlist networks (and the load balancer's " +
    'health checks on the control port), or a port other than the FTP ports.',
  fix: "Let FtpContainerServer make the task's group from `allow`; remove rules added by hand, or list the network in `allow`.",
  refs: { cdkNag: ['AwsSolutions-EC23'] },
  check(model) {
    const findings: RuleFinding[] = [];
    const paths = ingressPaths(model);
    for (const view of containerServices(model)) {
      const control = view.controlPort;
      const passive = view.passivePorts ?? [];
      const [low, high] = [Math.min(...passive), Math.max(...passive)];
      for (const path of paths.filter((p) => view.securityGroups.includes(p.securityGroup))) {
        const onControl = path.fromPort === control && path.toPort === control;
        // Without a readable passive list (a plan), only the protocol is checked.
        const portsOk = path.protocol === 'tcp' && (onControl || passive.length === 0 || (low <= path.fromPort && path.toPort <= high));
        for (const source of path.sources) {
          const healthCheck = source.kind === 'security-group' && onControl;
          if (isPublicSource(source) || (source.kind === 'security-group' && !healthCheck)) {
            const message = `${path.securityGroup} (the FTP task's) admits ${sourceText(source)} on TCP ${portText(path)}`;
            findings.push({ resource: path.rule, message });
          }
        }
        if (portsOk) continue;
        const message =
          `${path.securityGroup} (the FTP task's) opens ${path.protocol} ${portText(path)}, ` +
          `beyond the control port ${control} and the passive ports`;
        findings.push({ resource: path.rule, message });
      }
    }
    return findings;
  },
};
