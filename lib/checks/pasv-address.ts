import { soleReference } from '../model/expressions';
import { ftpServers, settingsSubject } from '../model/server';
import { Rule, RuleFinding } from './types';

/**
 * In passive mode vsftpd tells the client which address to open the data connection to. Behind
 * EC2's 1:1 NAT that must be the Elastic IP associated with this very instance; anything else (the
 * private address, an address that can change, another host) makes every listing and transfer hang.
 */
export const rule: Rule = {
  id: 'FTPKIT-PASV-ADDRESS',
  level: 'high',
  name: "Advertised passive address is not the instance's Elastic IP",
  description: "vsftpd's pasv_address must be the public IP of an Elastic IP associated with the server's instance.",
  fix: "Use FtpServer (or pass FtpElasticIp.publicIp as the user-data's publicAddress) and associate that Elastic IP with the instance.",
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const server of ftpServers(model)) {
      if (!server.settings || !server.instance) continue;
      const address = server.settings.pasv_address;
      const eips = server.elasticIps;
      const eipList = eips.map((e) => e.eip).join(', ');
      const where = server.instanceAddress;
      const subject = settingsSubject(server);
      if (!address) {
        findings.push({
          resource: server.record.address,
          message: `${subject} sets no pasv_address: PASV replies carry the instance's private address, which clients cannot reach`,
        });
        continue;
      }
      if (eips.length === 0) {
        findings.push({
          resource: where,
          message:
            `no Elastic IP is associated with ${where}, so the advertised passive ` +
            `address ${address} is not an address the instance is sure to have`,
        });
        continue;
      }
      const ref = soleReference(address);
      if (ref) {
        const ok = ref.attribute === 'public_ip' && eips.some((e) => e.eip === ref.address || e.association === ref.address);
        if (!ok)
          findings.push({
            resource: server.record.address,
            message:
              `${subject} advertises ${ref.address}${ref.attribute ? `.${ref.attribute}` : ''} ` +
              `as pasv_address, not the public_ip of its Elastic IP (${eipList})`,
          });
        continue;
      }
      const known = eips.map((e) => model.get(e.eip)?.values.public_ip).filter((ip): ip is string => typeof ip === 'string');
      if (!known.includes(address)) {
        findings.push({
          resource: server.record.address,
          message:
            `${subject} advertises the fixed address ${address} as pasv_address, ` +
            `which is not ` +
            `${known.length > 0 ? `its Elastic IP ${known.join(', ')}` : `shown to be the public IP of its Elastic IP (${eipList})`}`,
        });
      }
    }
    return findings;
  },
};
