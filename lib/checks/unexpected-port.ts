import { ingressPaths, networkSources, portText, sourceText } from '../model/network';
import { controlPortOf, ftpServers, passiveRangeOf, serverIngress } from '../model/server';
import { Rule, RuleFinding } from './types';

/**
 * vsftpd listens on the control port and, in passive mode, on the passive range; nothing else on
 * the server should be reachable. Port 20 is the server's source port in active mode, never a
 * listening one, and ftp-kit turns active mode off. Port 22 and drift inside or around the passive
 * range have rules of their own.
 */
export const rule: Rule = {
  id: 'FTPKIT-UNEXPECTED-PORT',
  level: 'medium',
  name: 'Server reachable on ports vsftpd does not serve',
  description: "The server's security group opens ports other than the control port and the passive range.",
  fix: 'Remove the rule, or serve that port from another host with a group of its own.',
  refs: { securityHub: ['EC2.18'] },
  check(model) {
    const findings: RuleFinding[] = [];
    const paths = ingressPaths(model);
    for (const server of ftpServers(model)) {
      const control = controlPortOf(server);
      const passive = passiveRangeOf(server);
      if (control === undefined) continue;
      for (const path of serverIngress(server, paths)) {
        const sources = networkSources(path);
        if (sources.length === 0 || path.protocol === 'icmp' || path.protocol === 'icmpv6') continue;
        // Anything touching the passive range is FTPKIT-PASSIVE-RANGE-DRIFT's; SSH alone is FTPKIT-SSH-INGRESS's.
        if (passive && path.fromPort <= passive.to && passive.from <= path.toPort && path.protocol !== 'udp') continue;
        if (
          path.protocol === 'tcp' &&
          ((path.fromPort === control && path.toPort === control) || (path.fromPort === 22 && path.toPort === 22))
        )
          continue;
        findings.push({
          resource: path.rule,
          message:
            `${path.securityGroup} of ${server.instanceAddress} ` +
            `opens ${path.protocol === 'all' ? 'every protocol' : path.protocol.toUpperCase()} ${portText(path)} ` +
            `to ${[...new Set(sources.map(sourceText))].join(', ')}; vsftpd serves ` +
            `only TCP ${control}${passive ? ` and ${passive.from}-${passive.to}` : ''}`,
        });
      }
    }
    return findings;
  },
};
