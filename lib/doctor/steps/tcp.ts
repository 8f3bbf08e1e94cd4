import { FtpControl } from '../../ftp/control';
import { connectFailure } from '../diagnose';
import { DoctorStep } from '../types';

/** The control port answers: dropped (a firewall), refused (nothing listens) or unroutable, in plain words. */
export const step: DoctorStep = {
  id: 'tcp',
  blockedBy: (found) => (found.address ? undefined : 'needs a resolvable host'),
  async run({ props, port, timeoutMs, found }) {
    const address = found.address!;
    try {
      const control = await FtpControl.connect(address, port, timeoutMs, props.transcript);
      return { status: 'pass', detail: `connected to ${address}:${port}`, found: { control } };
    } catch (err) {
      return connectFailure(err, `${address}:${port}`, {
        timeout: [
          'filtered: a firewall or security group drops it (no answer, not even a refusal)',
          "allow your address in the config's `allow` (security group and host firewall), " +
            `and check that port ${port} is the server's control port`,
        ],
        refused: [
          `nothing listens on port ${port}: the host answered, but no FTP server runs there`,
          `check that vsftpd runs (\`systemctl status vsftpd\` through SSM) and that listen_port is ${port}`,
        ],
      });
    }
  },
};
