import { connectTcp } from '../../ftp/connect';
import { connectFailure } from '../diagnose';
import { DoctorStep } from '../types';

/** The advertised passive port answers: the passive range is open end to end. */
export const step: DoctorStep = {
  id: 'data-connection',
  blockedBy: (found) => (found.dataTarget ? undefined : 'no passive port to test'),
  async run({ props, timeoutMs, found }) {
    const { address, port } = found.dataTarget!;
    try {
      const dataSocket = await connectTcp(address, port, timeoutMs);
      return { status: 'pass', detail: `connected to passive port ${address}:${port}`, found: { dataSocket, dataReachable: true } };
    } catch (err) {
      const range = props.expectPassive ? ` ${props.expectPassive.from}–${props.expectPassive.to}` : '';
      return connectFailure(err, `${address}:${port}`, {
        timeout: [
          `the passive range${range} is blocked between you and the server: passive port ${port} did not answer (a firewall, security group or NAT drops it)`,
          `open the passive range${range} (TCP) from your address in every firewall on the way: security group, host firewall, your own outbound rules`,
        ],
        refused: [
          `nothing listens on passive port ${port}: the server did not open the port it advertised`,
          'check that the server sits behind a 1:1 NAT (an Elastic IP) that forwards the passive range unchanged',
        ],
      });
    }
  },
};
