import * as tls from 'node:tls';
import { collect, dataRefusal, tlsOptions } from '../diagnose';
import { openDataConnection, probeTimeoutMs } from '../passive';
import { DoctorStep } from '../types';

/** A listing over the data connection resumes the control channel's TLS session (vsftpd's require_ssl_reuse). */
export const step: DoctorStep = {
  id: 'tls-reuse',
  blockedBy: (found) => (found.dataReachable ? undefined : 'no data connection'),
  async run({ props, timeoutMs, found }) {
    const control = found.control!;
    const dropped = found.droppedPorts ?? new Set<number>();
    const dataSocket = await openDataConnection(control, found.dataTarget!.address, dropped, probeTimeoutMs(0, timeoutMs));
    if (!dataSocket) {
      return {
        status: 'fail',
        detail: 'no passive port connected in 8 tries',
        diagnosis: 'data connections do not get through',
        fix: 'see passive-range',
      };
    }
    const session = control.tlsSession();
    const list = await control.send('LIST');
    if (list.code >= 400) {
      dataSocket.destroy();
      return { status: 'fail', detail: `LIST → ${list.text}`, ...dataRefusal(list) };
    }
    const secure = tls.connect({ ...tlsOptions(props), socket: dataSocket, session, rejectUnauthorized: false });
    let reused = false;
    let protocol = 'TLS';
    // Read at the handshake: once the socket has closed, node no longer knows.
    secure.once('secureConnect', () => {
      reused = secure.isSessionReused();
      protocol = secure.getProtocol() ?? protocol;
    });
    const listing = collect(secure, timeoutMs);
    const replies = await control.readFinal(timeoutMs);
    const final = replies[replies.length - 1];
    secure.destroy();
    await listing.catch(() => '');
    if (final.code === 522) {
      return {
        status: 'fail',
        detail: final.text,
        diagnosis: 'the server demands TLS session reuse on data connections (require_ssl_reuse=YES, good) but refused this one',
        fix: "use a client that resumes the control connection's TLS session (curl, lftp, FileZilla, WinSCP do; Python ftplib does not)",
      };
    }
    if (final.code >= 400) return { status: 'fail', detail: final.text, ...dataRefusal(final) };
    if (!reused) {
      return {
        status: 'warn',
        detail: `${final.text}; the data channel did NOT resume the control channel's TLS session`,
        diagnosis: 'the server accepts data connections without TLS session reuse, so another host could take over a data connection',
        fix: 'vsftpd: require_ssl_reuse=YES (ftp-kit sets it)',
      };
    }
    return {
      status: 'pass',
      detail: `directory listed over TLS; the data channel resumed the control channel's TLS session (${protocol})`,
    };
  },
};
