import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import { connectTcp } from '../../ftp/connect';
import { withTimeout } from '../diagnose';
import { probeTimeoutMs } from '../passive';
import { DoctorStep, StepInput, StepOutcome } from '../types';

/**
 * The host resolves: the address every later step connects to (IPv4 first, as partners' NATs mostly
 * are). An AAAA record is reported, and its control port tried: clients that prefer IPv6 go there first.
 */
export const step: DoctorStep = {
  id: 'dns',
  async run(input) {
    const { props, timeoutMs } = input;
    if (net.isIP(props.host)) {
      return { status: 'pass', detail: `${props.host} is an address: nothing to resolve`, found: { address: props.host } };
    }
    let all: Array<{ address: string; family: number }>;
    try {
      all = await withTimeout(lookup(props.host, { all: true }), timeoutMs, `no DNS answer within ${timeoutMs} ms`);
    } catch (err) {
      return {
        status: 'fail',
        detail: (err as Error).message,
        diagnosis: `${props.host} does not resolve`,
        fix: 'check the name, or connect to the Elastic IP (`ftp-kit outputs`)',
      };
    }
    const v4 = all.find((a) => a.family === 4) ?? all[0];
    const detail = `${props.host} → ${all.map((a) => a.address).join(', ')}`;
    const v6 = all.find((a) => a.family === 6);
    if (!v6 || v4.family === 6) return { status: 'pass', detail, found: { address: v4.address } };
    return { ...(await ipv6Reachable(input, v6.address, detail)), found: { address: v4.address } };
  },
};

async function ipv6Reachable({ port, timeoutMs }: StepInput, address: string, detail: string): Promise<StepOutcome> {
  try {
    (await connectTcp(address, port, probeTimeoutMs(0, timeoutMs))).destroy();
    return { status: 'pass', detail: `${detail}; IPv6 [${address}]:${port} answers too (the checks below run over IPv4)` };
  } catch (err) {
    return {
      status: 'warn',
      detail: `${detail}; IPv6 [${address}]:${port}: ${(err as Error).message}`,
      diagnosis:
        `the host has an AAAA record, but port ${port} does not answer over IPv6: ` +
        'clients that prefer IPv6 wait or fail before they try IPv4',
      fix: 'open the control port and the passive range over IPv6 too, or remove the AAAA record',
    };
  }
}
