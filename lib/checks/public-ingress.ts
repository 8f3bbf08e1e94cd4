import { carriesTcp, ingressPaths, isPublicSource, portText, sourceText } from '../model/network';
import { controlPortOf, ftpServers, passiveRangeOf } from '../model/server';
import { Rule, RuleFinding } from './types';

/** The FTP ports of groups that no recorded server uses: the standard control and active-data ports. */
const STANDARD_FTP_PORTS = [20, 21];

/**
 * The whole internet on an FTP port: scanners find it within hours and brute-force the logins.
 * The config refuses it unless `allowPublic: true`, which acknowledges this rule; an acknowledged
 * finding is still reported, at `low`, so that `--fail-on low` still catches it.
 */
export const rule: Rule = {
  id: 'FTPKIT-PUBLIC-INGRESS',
  level: 'high',
  name: 'FTP ports open to the whole internet',
  description: '0.0.0.0/0 or ::/0 may reach the control port, port 20 or the passive range.',
  fix: 'List your partners\' networks in `allow` instead of 0.0.0.0/0 or ::/0; if the server really must be public, set `allowPublic: true` (it is still reported).',
  refs: { securityHub: ['EC2.19', 'EC2.18'], cdkNag: ['AwsSolutions-EC23', 'NIST.800.53.R5-EC2RestrictedCommonPorts'] },
  acknowledgedLevel: 'low',
  check(model) {
    const portsByGroup = new Map<string, Array<{ from: number; to: number }>>();
    for (const server of ftpServers(model)) {
      const control = controlPortOf(server) ?? 21;
      const passive = passiveRangeOf(server);
      for (const group of server.securityGroups) {
        portsByGroup.set(group, [...(portsByGroup.get(group) ?? []), { from: control, to: control }, { from: 20, to: 20 }, ...(passive ? [passive] : [])]);
      }
    }
    const findings: RuleFinding[] = [];
    for (const path of ingressPaths(model)) {
      const publicSources = path.sources.filter(isPublicSource);
      if (publicSources.length === 0) continue;
      const ftpPorts = portsByGroup.get(path.securityGroup) ?? STANDARD_FTP_PORTS.map((p) => ({ from: p, to: p }));
      const hit = ftpPorts.filter((r) => carriesTcp(path) && path.fromPort <= r.to && r.from <= path.toPort);
      if (hit.length === 0) continue;
      const ranges = [...new Set(publicSources.map(sourceText))].join(' and ');
      findings.push({
        resource: path.rule,
        message: `${ranges} reach${publicSources.length === 1 ? 'es' : ''} TCP ${portText(path)} through ${path.securityGroup}: the whole internet can connect to the FTP ${describe(hit)}`,
      });
    }
    return findings;
  },
};

function describe(ranges: ReadonlyArray<{ from: number; to: number }>): string {
  const parts = [...new Set(ranges.map((r) => (r.from === r.to ? `port ${r.from}` : `passive range ${r.from}-${r.to}`)))];
  return parts.join(', ');
}
