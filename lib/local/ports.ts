import * as net from 'node:net';

/** Why a TCP port cannot be listened on, or undefined when it can (checked by binding it for a moment). */
export function portProblem(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** A port that is free on `host` now, outside `avoid` (by binding port 0); the race with other processes is the caller's to accept. */
export async function freePort(host: string, avoid?: { readonly from: number; readonly to: number }): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.on('error', reject);
      server.listen(0, host, () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    if (!avoid || port < avoid.from || port > avoid.to) return port;
  }
  throw new Error(`no free port on ${host} outside ${avoid?.from}–${avoid?.to} after 50 tries`);
}
