/*
 * The commands a partner's admin can paste to see a failure by hand (the classic telnet/nc
 * troubleshooting): the port, the TLS handshake, and a whole session with curl.
 */
import * as net from 'node:net';
import { CheckId, DoctorProps, Findings } from './types';

/** Steps whose failure is about the data channel: nc goes to a passive port, not the control port. */
const DATA_STEPS: readonly CheckId[] = ['passive-range', 'epsv', 'tls-reuse', 'round-trip'];

export function tryByHand(id: CheckId, props: DoctorProps, found: Findings): string[] {
  const port = props.port ?? 21;
  const host = props.host;
  const url = net.isIPv6(host) ? `[${host}]` : host;
  const dropped = [...(found.droppedPorts ?? [])].sort((a, b) => a - b).slice(0, 3);
  const ncPorts = DATA_STEPS.includes(id) && dropped.length > 0 ? dropped : [port];
  const servername = net.isIP(host) ? '' : ` -servername ${host}`;
  const user = props.user ?? 'USER';
  return [
    ...ncPorts.map((p) => `nc -vz -w 5 ${host} ${p}`),
    `openssl s_client -starttls ftp -connect ${url}:${port}${servername} </dev/null`,
    // --disable-epsv --no-ftp-skip-pasv-ip: curl would otherwise hide a wrong PASV address.
    `curl -v --ssl-reqd --disable-epsv --no-ftp-skip-pasv-ip --user ${user} ftp://${url}:${port}/`,
  ];
}
