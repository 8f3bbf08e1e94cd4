import { spawn } from 'node:child_process';
import { descendants, killTree, parsePpid } from '../../lib/local/process-tree';
import { eventually, processAlive } from './helpers';

describe('process trees', () => {
  test('THEN parsePpid reads PPid from /proc/<pid>/status', () => {
    expect(parsePpid('Name:\tvsftpd\nPPid:\t4100\n')).toBe(4100);
    expect(parsePpid('Name:\tx\n')).toBeUndefined();
  });

  test('GIVEN a process with children and grandchildren WHEN killTree THEN all of them are gone', async () => {
    const root = spawn('sh', ['-c', 'sleep 600 & (sleep 600 & wait) & wait'], { stdio: 'ignore' });
    await new Promise((r) => root.once('spawn', r));
    expect(await eventually(() => descendants(root.pid!).length >= 4)).toBe(true);
    const tree = descendants(root.pid!);
    expect(tree[0]).toBe(root.pid);
    killTree(root.pid!);
    expect(await eventually(() => tree.every((pid) => !processAlive(pid)))).toBe(true);
  });

  test(
    'GIVEN a parent waiting for its children WHEN killTree spares the root ' + 'THEN the rest is killed and the root exits by itself',
    async () => {
      const root = spawn('sh', ['-c', 'sleep 600 & (sleep 600 & wait) & wait; exit 7'], { stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => root.once('exit', (code) => r(code)));
      await new Promise((r) => root.once('spawn', r));
      expect(await eventually(() => descendants(root.pid!).length >= 4)).toBe(true);
      const below = descendants(root.pid!).slice(1);
      killTree(root.pid!, { spareRoot: true });
      // Its own exit code: it was resumed, not killed, and saw every child gone first.
      expect(await exited).toBe(7);
      expect(below.every((pid) => !processAlive(pid))).toBe(true);
    },
  );
});
