import * as net from 'node:net';
import { waitForGreeting } from '../../lib/ftp/greeting';

function greeter(greeting: string): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.end(greeting));
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port }));
  });
}

describe('waitForGreeting', () => {
  test('GIVEN a server that greets with 220 THEN it resolves with the greeting', async () => {
    const { server, port } = await greeter('220 ready\r\n');
    try {
      expect(await waitForGreeting('127.0.0.1', port)).toBe('220 ready');
    } finally {
      server.close();
    }
  });

  test('fails when the server answers something else until the bound, naming the last answer', async () => {
    const { server, port } = await greeter('421 busy\r\n');
    try {
      await expect(waitForGreeting('127.0.0.1', port, { timeoutMs: 500 })).rejects.toThrow(
        `127.0.0.1:${port} did not greet within 500 ms (last: greeting "421 busy")`,
      );
    } finally {
      server.close();
    }
  });

  test('fails at once when aborted, with the reason', async () => {
    const abort = new AbortController();
    abort.abort(new Error('vsftpd exited'));
    await expect(waitForGreeting('127.0.0.1', 1, { timeoutMs: 60000, signal: abort.signal })).rejects.toThrow('vsftpd exited');
  });
});
