import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogTail } from '../../lib/local/log-tail';

describe('LogTail', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-tail-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test(
    'GIVEN a log with earlier lines WHEN lines are appended ' +
      'THEN only the new complete lines are handed over, and stop() flushes the rest',
    () => {
      const file = join(dir, 'vsftpd.log');
      writeFileSync(file, 'from an earlier run\n');
      const lines: string[] = [];
      const tail = new LogTail(file, (line) => lines.push(line), 60000);
      appendFileSync(file, 'one\ntw');
      tail.poll();
      expect(lines).toEqual(['one']);
      appendFileSync(file, 'o\nthree');
      tail.stop();
      expect(lines).toEqual(['one', 'two', 'three']);
    },
  );

  test('GIVEN no log yet WHEN it appears THEN it is read from its start', () => {
    const file = join(dir, 'later.log');
    const lines: string[] = [];
    const tail = new LogTail(file, (line) => lines.push(line), 60000);
    tail.poll();
    writeFileSync(file, 'first\n');
    tail.stop();
    expect(lines).toEqual(['first']);
  });
});
