import { FtpKitConfig } from '../config/schema';
import { ServerLayout } from './types';
import { renderTemplate } from './template';

/** An `nft -f` script (re)creating table inet <nftTable>: FTP ports only from `allow` and loopback. */
export function renderFirewall(config: FtpKitConfig, layout: ServerLayout): string {
  const allow4 = config.allow.map((e) => e.cidr).filter((cidr) => !cidr.includes(':'));
  const allow6 = config.allow.map((e) => e.cidr).filter((cidr) => cidr.includes(':'));
  return renderTemplate('firewall.nft.mustache', {
    name: config.name,
    nftTable: layout.nftTable,
    allow4, allow6,
    allow4Text: allow4.join(', '),
    allow6Text: allow6.join(', '),
    controlPort: config.controlPort,
    passiveFrom: config.passivePorts.from,
    passiveTo: config.passivePorts.to,
  });
}
