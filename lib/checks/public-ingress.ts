import { PUBLIC_UNION_PREFIX, publicFamilies } from '../config/cidr';
import { carriesTcp, IngressPath, ingressPaths, isPublicSource, portText } from '../model/network';
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
  description:
    'The whole internet (0.0.0.0/0, ::/0), or sources that together cover a /8 of IPv4 or a /16 of IPv6, ' +
    'may reach the control port, port 20 or the passive range.',
  fix:
    "List your partners' networks in `allow` instead of 0.0.0.0/0 or " +
    '::/0; if the server really must be public, set `allowPublic: true` ' +
    '(it is still reported).',
  refs: { securityHub: ['EC2.19', 'EC2.18'], cdkNag: ['AwsSolutions-EC23', 'NIST.800.53.R5-EC2RestrictedCommonPorts'] },
  acknowledgedLevel: 'low',
  check(model) {
    const portsByGroup = new Map<string, Array<{ from: number; to: number }>>();
    for (const server of ftpServers(model)) {
      const control = controlPortOf(server) ?? 21;
      const passive = passiveRangeOf(server);
      for (const group of server.securityGroups) {
        portsByGroup.set(group, [
          ...(portsByGroup.get(group) ?? []),
          { from: control, to: control },
          { from: 20, to: 20 },
          ...(passive ? [passive] : []),
        ]);
      }
    }
    const hits = ingressPaths(model).flatMap((path) => {
      const ftpPorts = portsByGroup.get(path.securityGroup) ?? STANDARD_FTP_PORTS.map((p) => ({ from: p, to: p }));
      const hit = ftpPorts.filter((r) => carriesTcp(path) && path.fromPort <= r.to && r.from <= path.toPort);
      return hit.length > 0 ? [{ path, hit, cidrs: path.sources.flatMap((s) => (s.kind === 'cidr' ? [s.cidr] : [])) }] : [];
    });
    // A rule public on its own is reported. Else the union of what reaches a group's FTP ports is judged,
    // as the config judges `allow` (slices add up), and the rules it needs are reported (all, if none alone).
    const unionFamilies = new Map<IngressPath, Array<4 | 6>>();
    for (const group of new Set(hits.map((h) => h.path.securityGroup))) {
      const mine = hits.filter((h) => h.path.securityGroup === group);
      for (const family of publicFamilies(mine.flatMap((h) => h.cidrs))) {
        if (mine.some((h) => publicFamilies(h.cidrs).includes(family))) continue;
        const without = (h: (typeof mine)[number]) => publicFamilies(mine.filter((o) => o !== h).flatMap((o) => o.cidrs)).includes(family);
        const needed = mine.filter((h) => h.cidrs.some((c) => familyOf(c) === family) && !without(h));
        for (const h of needed.length > 0 ? needed : mine) unionFamilies.set(h.path, [...(unionFamilies.get(h.path) ?? []), family]);
      }
    }
    const findings: RuleFinding[] = [];
    for (const { path, hit, cidrs } of hits) {
      const families = [...publicFamilies(cidrs), ...(unionFamilies.get(path) ?? [])];
      const exposed = [...new Set(cidrs.filter((c) => families.includes(familyOf(c))))];
      if (exposed.length === 0) continue;
      const whole = exposed.some((c) => isPublicSource({ kind: 'cidr', cidr: c }));
      const shown = exposed.length > 4 ? `${exposed.slice(0, 3).join(', ')} and ${exposed.length - 3} more ranges` : exposed.join(' and ');
      const who = whole ? 'the whole internet' : `at least a /${PUBLIC_UNION_PREFIX[families[0]]} of IPv${families[0]} (public exposure)`;
      findings.push({
        resource: path.rule,
        message:
          `${shown} reach${exposed.length === 1 ? 'es' : ''} TCP ${portText(path)} through ${path.securityGroup}: ` +
          `${who} can connect to the FTP ${describe(hit)}`,
      });
    }
    return findings;
  },
};

const familyOf = (cidr: string): 4 | 6 => (cidr.includes(':') ? 6 : 4);

function describe(ranges: ReadonlyArray<{ from: number; to: number }>): string {
  const parts = [...new Set(ranges.map((r) => (r.from === r.to ? `port ${r.from}` : `passive range ${r.from}-${r.to}`)))];
  return parts.join(', ');
}
