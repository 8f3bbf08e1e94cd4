import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VsftpdProcess } from '../../lib/local/vsftpd';
import { directConnect } from '../support/ftp-raw';
import { eventually, freeControlPort, processAlive } from './helpers';

/** The smallest vsftpd.conf that starts: enough to test the process handling, not the product's config. */
function minimalConf(dir: string, port: number, extra = ''): string {
  mkdirSync(join(dir, 'empty'), { recursive: true });
  return (
    `listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port=${port}\nbackground=NO\n` +
    `anonymous_enable=NO\nlocal_enable=YES\nsecure_chroot_dir=${dir}/empty\nseccomp_sandbox=NO\n${extra}`
  );
}

describe('VsftpdProcess.start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-vsftpd-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a config that starts THEN it resolves once vsftpd greets, and kill() stops it with its sessions', async () => {
    const port = await freeControlPort();
    writeFileSync(join(dir, 'vsftpd.conf'), minimalConf(dir, port));
    const vsftpd = await VsftpdProcess.start({ confFile: join(dir, 'vsftpd.conf'), host: '127.0.0.1', port });
    const session = await directConnect('127.0.0.1', port);
    let closed = false;
    session
      .on('close', () => {
        closed = true;
      })
      .on('error', () => {})
      .resume();
    vsftpd.kill();
    vsftpd.kill();
    expect(await vsftpd.waitForExit(5000)).toBe(true);
    expect(vsftpd.running).toBe(false);
    expect(await eventually(() => closed)).toBe(true);
    expect(await eventually(() => !processAlive(vsftpd.pid))).toBe(true);
  });

  test('fails when vsftpd refuses its config, quoting its 500 OOPS line (written to its terminal only)', async () => {
    const port = await freeControlPort();
    writeFileSync(join(dir, 'vsftpd.conf'), minimalConf(dir, port, 'no_such_option=YES\n'));
    await expect(VsftpdProcess.start({ confFile: join(dir, 'vsftpd.conf'), host: '127.0.0.1', port })).rejects.toThrow(
      /vsftpd exited \(exit code 2\) before it accepted connections\n {2}vsftpd said: 500 OOPS: unrecognised variable in config file: no_such_option/,
    );
  });

  test('fails without waiting out the bound when its sessions are refused (a 5xx greeting), quoting the greeting', async () => {
    const port = await freeControlPort();
    writeFileSync(join(dir, 'vsftpd.conf'), minimalConf(dir, port, 'local_enable=NO\n'));
    await expect(VsftpdProcess.start({ confFile: join(dir, 'vsftpd.conf'), host: '127.0.0.1', port })).rejects.toThrow(
      `127.0.0.1:${port} refuses sessions: 500 OOPS: vsftpd: both local and anonymous access disabled!`,
    );
  });

  test('fails when nothing greets within the bound, and stops vsftpd', async () => {
    const port = await freeControlPort();
    const other = await freeControlPort();
    writeFileSync(join(dir, 'vsftpd.conf'), minimalConf(dir, port));
    await expect(
      VsftpdProcess.start({ confFile: join(dir, 'vsftpd.conf'), host: '127.0.0.1', port: other, timeoutMs: 1000 }),
    ).rejects.toThrow(`127.0.0.1:${other} did not greet within 1000 ms`);
    // Its listener is gone: the port is free again.
    await expect(directConnect('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
