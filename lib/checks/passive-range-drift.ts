import { carriesTcp, ingressPaths, IngressPath, mergeRanges, networkSources, portText, sourceText } from '../model/network';
import { controlPortOf, ftpServers, passiveRangeOf, serverIngress, settingsSubject } from '../model/server';
import { Rule, RuleFinding } from './types';

const overlaps = (p: IngressPath, r: { from: number; to: number }) => p.fromPort <= r.to && r.from <= p.toPort;

/**
 * The passive range open in the security group must be exactly vsftpd's pasv_min_port–pasv_max_port:
 * a port the server advertises but the group drops breaks transfers; a port the group opens that
 * vsftpd never uses is exposure for nothing. Checked per source, too: a partner who reaches the
 * control port must reach the whole passive range.
 */
export const rule: Rule = {
  id: 'FTPKIT-PASSIVE-RANGE-DRIFT',
  level: 'high',
  name: "Passive range in the security group differs from vsftpd's",
  description:
    'The TCP ports the security group opens next to the control port must ' +
    "equal vsftpd's pasv_min_port–pasv_max_port, for every source that " +
    'reaches the control port.',
  fix:
    'Derive both from one config: set `passivePorts` in the ftp-kit ' +
    'config and let FtpServer open exactly that range; remove rules edited ' +
    'by hand.',
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    const paths = ingressPaths(model);
    for (const server of ftpServers(model)) {
      if (!server.settings || !server.instance) continue;
      const range = passiveRangeOf(server);
      const control = controlPortOf(server);
      const ingress = serverIngress(server, paths).filter((p) => carriesTcp(p) && networkSources(p).length > 0);
      if (!range) {
        findings.push({
          resource: server.record.address,
          message:
            `${settingsSubject(server)} has no passive range ` +
            `(pasv_min_port/pasv_max_port unset or 0): it may pick any port, which ` +
            `no security group rule can match`,
          fix: 'Set passivePorts in the ftp-kit config, so that vsftpd and the security group use the same range.',
        });
        continue;
      }
      const wanted = `${range.from}-${range.to}`;
      for (const p of ingress) {
        if (!overlaps(p, range) || (p.fromPort === range.from && p.toPort === range.to)) continue;
        if (control !== undefined && p.fromPort === control && p.toPort === control) continue;
        const beyond = Math.max(0, range.from - p.fromPort) + Math.max(0, p.toPort - range.to);
        const detail =
          beyond > 0
            ? `${beyond} port${beyond === 1 ? '' : 's'} beyond it`
            : `${range.to - range.from + 1 - (Math.min(p.toPort, range.to) - Math.max(p.fromPort, range.from) + 1)} of its ports left out`;
        findings.push({
          resource: p.rule,
          message:
            `${p.securityGroup} opens TCP ${portText(p)}, but vsftpd's passive ` +
            `range on ${server.instanceAddress} is ${wanted} (${detail})`,
        });
      }
      const controlSources = new Set(
        ingress
          .filter((p) => control !== undefined && p.fromPort <= control && control <= p.toPort)
          .flatMap((p) => networkSources(p).map(sourceText)),
      );
      for (const source of controlSources) {
        const covered = mergeRanges(
          ingress
            .filter((p) => overlaps(p, range) && networkSources(p).some((s) => sourceText(s) === source))
            .map((p) => ({ from: p.fromPort, to: p.toPort })),
        );
        if (covered.some((c) => c.from <= range.from && range.to <= c.to)) continue;
        const open = covered.map((c) => `${Math.max(c.from, range.from)}-${Math.min(c.to, range.to)}`).join(', ');
        findings.push({
          resource: server.instanceAddress,
          message:
            `${source} reaches the control port ${control} ` +
            `of ${server.instanceAddress} ` +
            `but ${open ? `only passive ports ${open}` : 'none of the passive ports'} ` +
            `of vsftpd's ${wanted}: passive transfers from there fail`,
        });
      }
    }
    return findings;
  },
};
