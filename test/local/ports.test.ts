import * as net from 'node:net';
import { freePort, portProblem } from '../../lib/local/ports';

describe('portProblem and freePort', () => {
  test('GIVEN a free port THEN there is no problem; GIVEN one in use THEN EADDRINUSE', async () => {
    const port = await freePort('127.0.0.1');
    expect(await portProblem('127.0.0.1', port)).toBeUndefined();
    const server = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      expect(await portProblem('127.0.0.1', port)).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      server.close();
    }
  });

  test('GIVEN an address this machine does not have THEN EADDRNOTAVAIL', async () => {
    expect(await portProblem('192.0.2.99', 2121)).toMatchObject({ code: 'EADDRNOTAVAIL' });
  });

  test('THEN freePort never returns a port inside the range to avoid', async () => {
    for (let i = 0; i < 5; i++) {
      const port = await freePort('127.0.0.1', { from: 1024, to: 40000 });
      expect(port).toBeGreaterThan(40000);
    }
  });
});
