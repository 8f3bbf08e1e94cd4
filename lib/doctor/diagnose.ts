/* What the doctor's steps share: failures turned into plain words, TLS options, bounded waits. */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ConnectError } from '../ftp/connect';
import { FtpReply } from '../ftp/reply';
import { CheckResult, Diagnosed, DoctorProps } from './types';

/** TLS options of every connection: the host the user named is the identity the certificate must carry. */
export function tlsOptions(props: DoctorProps): tls.ConnectionOptions {
  return { ca: props.ca, host: props.host, servername: net.isIP(props.host) ? undefined : props.host, minVersion: 'TLSv1' };
}

export function connectFailure(err: unknown, where: string, texts: { timeout: [string, string]; refused: [string, string] }): Diagnosed {
  if (!(err instanceof ConnectError)) {
    return { status: 'fail', detail: (err as Error).message, diagnosis: `cannot connect to ${where}`, fix: 'check the address and port' };
  }
  if (err.kind === 'timeout') return { status: 'fail', detail: err.message, diagnosis: texts.timeout[0], fix: texts.timeout[1] };
  if (err.kind === 'refused') return { status: 'fail', detail: err.message, diagnosis: texts.refused[0], fix: texts.refused[1] };
  if (err.kind === 'unreachable') {
    return {
      status: 'fail',
      detail: err.message,
      diagnosis: `no route to ${where}`,
      fix: 'check the address, and that the instance has its Elastic IP',
    };
  }
  return {
    status: 'fail',
    detail: err.message,
    diagnosis: `the connection to ${where} broke off`,
    fix: 'try again; if it persists, check the host firewall',
  };
}

export function refusalDiagnosis(reply: FtpReply): Pick<CheckResult, 'diagnosis' | 'fix'> {
  if (reply.code >= 500) {
    return {
      diagnosis: 'the server refuses every session: its configuration is broken (the reply says why)',
      fix: "fix the server's configuration; for vsftpd see its log and `vsftpd <conf>` run on a terminal",
    };
  }
  if (reply.code === 421) {
    return {
      diagnosis: 'the server refuses the session: too many connections from your address (max_per_ip) or in all (max_clients)',
      fix: 'close idle sessions, or raise limits.maxPerIp / limits.maxClients in the config',
    };
  }
  return { diagnosis: 'the server did not greet with 220', fix: 'check that this port runs an FTP server' };
}

export function dataRefusal(reply: FtpReply): Pick<CheckResult, 'diagnosis' | 'fix'> {
  if (reply.code === 425 && /bad ip/i.test(reply.text)) {
    return {
      diagnosis: 'the data connection arrived from another address than the control connection (several NAT addresses on your side)',
      fix: 'use one outgoing address for FTP (vsftpd refuses this on purpose: pasv_promiscuous=NO)',
    };
  }
  if (reply.code === 425) {
    return { diagnosis: 'the server could not open the data connection', fix: 'check that the passive range is open end to end' };
  }
  if (reply.code === 522) {
    return { diagnosis: 'the server requires TLS on the data connection', fix: 'use PROT P (every FTPS client does)' };
  }
  return { diagnosis: 'the server refused the listing', fix: "check the user's folder on the server" };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Everything a data connection carries until it closes, bounded. */
export function collect(socket: tls.TLSSocket, timeoutMs: number): Promise<string> {
  return withTimeout(
    new Promise((resolve, reject) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => {
        text += d;
      });
      socket.on('end', () => resolve(text));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    }),
    timeoutMs,
    `no data within ${timeoutMs} ms`,
  );
}
