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
});
