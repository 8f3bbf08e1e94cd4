import { parseEpsv } from '../../ftp/reply';
import { probe, probeTimeoutMs } from '../passive';
import { DoctorStep } from '../types';

/** EPSV (RFC 2428), which curl and lftp try first: its port lies inside the passive range and connects. */
export const step: DoctorStep = {
  id: 'epsv',
  blockedBy: (found) => (found.dataTarget ? undefined : 'no passive port to test'),
  async run({ props, timeoutMs, found }) {
    const control = found.control!;
    const reply = await control.send('EPSV');
    const port = reply.code === 229 ? parseEpsv(reply.text) : undefined;
    if (port === undefined) {
      return {
        status: 'warn',
        detail: `EPSV → ${reply.text}`,
        diagnosis: 'the server refuses extended passive mode: clients that try it first (curl, lftp) need a retry with PASV',
        fix: 'vsftpd answers EPSV whenever pasv_enable=YES: check the server',
      };
    }
    const range = props.expectPassive;
    if (range && (port < range.from || port > range.to)) {
      return {
        status: 'fail',
        detail: `${reply.text}: port ${port}, expected ${range.from}–${range.to}`,
        diagnosis: `EPSV hands out port ${port}, outside the passive range ${range.from}–${range.to} that the firewall opens`,
        fix: 'make pasv_min_port/pasv_max_port and the security group agree (ftp-kit derives both from passivePorts)',
      };
    }
    const { outcome, socket } = await probe(found.dataTarget!.address, port, probeTimeoutMs(0, timeoutMs));
    socket?.destroy();
    const inside = range ? `inside the passive range ${range.from}–${range.to}` : 'its port';
    if (outcome === 'connected') return { status: 'pass', detail: `${reply.text}: port ${port} ${inside}, connected` };
    // A port the sample already saw dropped is passive-range's finding: one cause, one FAIL.
    if (found.passiveClean === false) {
      return {
        status: 'warn',
        detail: `${reply.text}: port ${port} did not connect (${outcome})`,
        diagnosis: 'part of the passive range is dropped: see passive-range',
      };
    }
    return {
      status: 'fail',
      detail: `${reply.text}: port ${port} did not connect (${outcome})`,
      diagnosis: `the EPSV port ${port} does not answer although the sampled PASV ports did: a firewall drops part of the passive range`,
      fix: 'open the whole passive range (TCP) from your address in every firewall on the way',
    };
  },
};
