import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import { withTimeout } from '../diagnose';
import { DoctorStep } from '../types';

/** The host resolves: the address every later step connects to (IPv4 first, as partners' NATs mostly are). */
export const step: DoctorStep = {
  id: 'dns',
  async run({ props, timeoutMs }) {
    if (net.isIP(props.host)) return { status: 'pass', detail: `${props.host} is an address: nothing to resolve`, found: { address: props.host } };
    try {
      const all = await withTimeout(lookup(props.host, { all: true }), timeoutMs, `no DNS answer within ${timeoutMs} ms`);
      const v4 = all.find((a) => a.family === 4) ?? all[0];
      return { status: 'pass', detail: `${props.host} → ${all.map((a) => a.address).join(', ')}`, found: { address: v4.address } };
    } catch (err) {
      return {
        status: 'fail', detail: (err as Error).message, diagnosis: `${props.host} does not resolve`,
        fix: 'check the name, or connect to the Elastic IP (`ftp-kit outputs`)',
      };
    }
  },
};
