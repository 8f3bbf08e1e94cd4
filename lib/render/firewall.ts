import { withoutCoveredCidrs } from '../config/cidr';
import { FtpKitConfig } from '../config/schema';
import { ServerLayout } from './types';
import { renderTemplate } from './template';

/** An `nft -f` script (re)creating table inet <nftTable>: FTP ports only from `allow` and loopback. */
export function renderFirewall(config: FtpKitConfig, layout: ServerLayout): string {
  // nft refuses overlapping elements of an interval set ("conflicting intervals"): drop duplicates and nested ranges.
  const cidrs = withoutCoveredCidrs(
    config.allow.map((e) => e.cidr),
    (cidr) => cidr,
  );
  const allow4 = cidrs.filter((cidr) => !cidr.includes(':'));
  const allow6 = cidrs.filter((cidr) => cidr.includes(':'));
  return renderTemplate('firewall.nft.mustache', {
    name: config.name,
    nftTable: layout.nftTable,
    allow4,
    allow6,
    allow4Text: allow4.join(', '),
    allow6Text: allow6.join(', '),
    controlPort: config.controlPort,
    passiveFrom: config.passivePorts.from,
    passiveTo: config.passivePorts.to,
  });
}
