import * as net from 'node:net';

/** How a TCP connection attempt failed, in the terms a diagnosis needs. */
export type ConnectFailure = 'timeout' | 'refused' | 'unreachable' | 'reset' | 'other';

export class ConnectError extends Error {
  constructor(
    readonly kind: ConnectFailure,
    readonly host: string,
    readonly port: number,
    detail: string,
  ) {
    super(`${host}:${port}: ${detail}`);
    this.name = 'ConnectError';
  }
}

function failureKind(err: NodeJS.ErrnoException): ConnectFailure {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'unreachable';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'other';
  }
}

/** Opens a TCP connection, bounded by `timeoutMs`; the error says whether it was dropped, refused or unroutable. */
export function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectError('timeout', host, port, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ConnectError(failureKind(err), host, port, err.code ?? err.message));
    });
  });
}
