import * as net from 'node:net';
import { parseEpsv, parsePasv } from '../../ftp/reply';
import { DoctorStep } from '../types';

/** PASV advertises the address the client connected to (on EC2: the Elastic IP, set as pasv_address). */
export const step: DoctorStep = {
  id: 'pasv-address',
  blockedBy: (found) => (found.loggedIn ? undefined : 'needs a login'),
  async run({ found }) {
    const control = found.control!;
    const connected = control.remoteAddress ?? found.address!;
    if (net.isIPv6(connected)) {
      const epsv = await control.send('EPSV');
      const port = parseEpsv(epsv.text);
      if (epsv.code !== 229 || port === undefined) {
        return {
          status: 'fail',
          detail: `EPSV → ${epsv.text}`,
          diagnosis: 'the server refuses extended passive mode over IPv6',
          fix: 'vsftpd: pasv_enable=YES and listen_ipv6=YES',
        };
      }
      const detail = `${epsv.text} (IPv6: EPSV carries no address, the data connection goes to ${connected})`;
      return { status: 'pass', detail, found: { dataTarget: { address: connected, port } } };
    }
    const pasv = await control.send('PASV');
    const target = pasv.code === 227 ? parsePasv(pasv.text) : undefined;
    if (!target) {
      return {
        status: 'fail',
        detail: `PASV → ${pasv.text}`,
        diagnosis: 'the server refuses passive mode, which every client behind a NAT needs',
        fix: 'vsftpd: pasv_enable=YES with pasv_min_port/pasv_max_port',
      };
    }
    // Like a NAT-tolerant client, go on to the address we reached, so the passive range is still tested.
    const dataTarget = { address: connected, port: target.port };
    if (target.address === '0.0.0.0') {
      return {
        status: 'fail',
        detail: pasv.text,
        found: { dataTarget },
        diagnosis:
          'the server advertises 0.0.0.0: vsftpd 3.0.3 listening dual-stack (listen_ipv6=YES, which ftp-kit renders when ' +
          '`allow` holds an IPv6 range) ignores pasv_address in its answer to IPv4 clients. Clients that use EPSV (curl) or ' +
          'replace an unroutable 227 address (lftp, FileZilla, Python ftplib) still connect; strict PASV clients cannot',
        fix:
          'have partners use EPSV, or take the IPv6 ranges out of `allow` (vsftpd then listens on IPv4 with pasv_address); ' +
          'README, "What partners need"',
      };
    }
    if (target.address !== connected) {
      return {
        status: 'fail',
        detail: pasv.text,
        found: { dataTarget },
        diagnosis:
          `the server advertises ${target.address}, not ${connected} that you connected to: pasv_address is wrong or missing — ` +
          'on EC2 it must be the Elastic IP. Clients that honour the 227 reply (the strict ones) cannot open a data connection',
        fix: `set pasv_address=${connected} (ftp-kit sets it to the Elastic IP; redeploy if it was edited by hand)`,
      };
    }
    return { status: 'pass', detail: `${pasv.text}: the address you connected to`, found: { dataTarget } };
  },
};
