import { DoctorStep } from '../types';

/** The passive port lies inside the range the security group opens (--expect-passive). */
export const step: DoctorStep = {
  id: 'pasv-port',
  blockedBy: (found) => (found.dataTarget ? undefined : 'no passive port to test'),
  async run({ props, found }) {
    const p = found.dataTarget!.port;
    if (!props.expectPassive) return { status: 'pass', detail: `port ${p} (pass --expect-passive FROM-TO to check it against the security group's range)` };
    const { from, to } = props.expectPassive;
    if (p < from || p > to) {
      return {
        status: 'fail', detail: `port ${p}, expected ${from}–${to}`,
        diagnosis: `the server's passive port ${p} lies outside the passive range ${from}–${to} that the firewall opens: data connections will be dropped`,
        fix: 'make pasv_min_port/pasv_max_port and the security group agree (ftp-kit derives both from passivePorts)',
      };
    }
    return { status: 'pass', detail: `port ${p} is inside the passive range ${from}–${to}` };
  },
};
