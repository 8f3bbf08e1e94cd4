import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import * as net from 'node:net';
import { netnsList, reapOrphanedTestBeds, TestBed, TESTBED_ADDRESSES } from './netns';

/** A TCP server inside `ns` that tells each client the address it came from; resolves once it listens. */
function startWhoAmI(bed: TestBed, host: { ns: string; address: string }, port: number, listen = '0.0.0.0'): Promise<ChildProcess> {
  const script = `require('net').createServer((s) => s.end(s.remoteAddress)).listen(${port}, '${listen}', () => console.log('listening'))`;
  const child = bed.spawn(host, process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the test server did not listen within 10 s')), 10000);
    child.stdout!.once('data', () => {
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test server exited ${code}`));
    });
  });
}

function readAll(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no end within 10 s'));
    }, 10000);
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('TestBed', () => {
  // GIVEN one bed for the whole file
  let bed: TestBed;
  beforeAll(async () => {
    bed = TestBed.create();
    await startWhoAmI(bed, bed.server, 7000);
  });
  afterAll(() => bed?.destroy());

  test('THEN it has its five namespaces', () => {
    expect(netnsList()).toEqual(expect.arrayContaining(bed.namespaces));
    expect(bed.namespaces.every((ns) => ns.startsWith(`fk${process.pid}-`))).toBe(true);
  });

  test("WHEN the allowed client connects to the public address THEN the server sees the client's own address (1:1 NAT)", async () => {
    expect(await readAll(await bed.connect(bed.allowedClient, bed.publicAddress, 7000))).toBe(TESTBED_ADDRESSES.allowedClient);
    expect(await readAll(await bed.connect(bed.deniedClient, bed.publicAddress, 7000))).toBe(TESTBED_ADDRESSES.deniedClient);
    expect(await readAll(await bed.connect(bed.secondAllowedClient, bed.publicAddress, 7000))).toBe(TESTBED_ADDRESSES.secondAllowedClient);
  });

  test('WHEN the server connects out THEN it leaves from the public address (SNAT)', async () => {
    await startWhoAmI(bed, bed.allowedClient, 7001);
    const script = `require('net').connect(7001, '${TESTBED_ADDRESSES.allowedClient}').on('data', (d) => process.stdout.write(d))`;
    const result = await bed.exec(bed.server, process.execPath, ['-e', script], { timeoutMs: 10000 });
    expect(result.stdout).toBe(bed.publicAddress);
  });

  test('WHEN a client connects to the private address THEN the NAT rejects it at once, as the internet would', async () => {
    await expect(bed.connect(bed.allowedClient, bed.server.address, 7000, 5000)).rejects.toMatchObject({ code: 'EHOSTUNREACH' });
  });

  test('WHEN ports are blocked at the NAT THEN connects time out, and pass again once unblocked', async () => {
    bed.blockPortsAtNat({ from: 7000, to: 7000 });
    try {
      await expect(bed.connect(bed.allowedClient, bed.publicAddress, 7000, 1500)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    } finally {
      bed.unblockPortsAtNat();
    }
    expect(await readAll(await bed.connect(bed.allowedClient, bed.publicAddress, 7000))).toBe(TESTBED_ADDRESSES.allowedClient);
  });

  test("WHEN a client connects to the server's IPv6 address THEN it is routed, not NATed: the server sees the client", async () => {
    await startWhoAmI(bed, bed.server, 7002, '::');
    expect(await readAll(await bed.connect(bed.allowedClient, TESTBED_ADDRESSES.server6, 7002))).toBe(TESTBED_ADDRESSES.allowedClient6);
    expect(await readAll(await bed.connect(bed.deniedClient, TESTBED_ADDRESSES.server6, 7002))).toBe(TESTBED_ADDRESSES.deniedClient6);
    // Dual-stack: the same socket answers over IPv4 through the NAT (as an IPv4-mapped address).
    expect(await readAll(await bed.connect(bed.allowedClient, bed.publicAddress, 7002))).toBe(`::ffff:${TESTBED_ADDRESSES.allowedClient}`);
  });

  test('WHEN a command runs in a namespace THEN exec returns its exit code and output', async () => {
    const result = await bed.exec(bed.deniedClient, 'ip', ['-brief', 'address', 'show', 'eth0']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${TESTBED_ADDRESSES.deniedClient}/24`);
  });
});

describe('TestBed teardown', () => {
  test(
    'WHEN destroyed THEN no namespace, no process and no PAM service of a preview killed there is ' +
      'left, and a second destroy is harmless',
    async () => {
      const bed = TestBed.create();
      const child = bed.spawn(bed.server, 'sleep', ['600'], { stdio: 'ignore' });
      await new Promise((r) => child.once('spawn', r));
      // What a preview killed there could not remove itself: its PAM service, named after its pid.
      const pam = `/etc/pam.d/ftp-kit-preview-2121-${child.pid}`;
      writeFileSync(pam, '# test\n');
      await bed.destroy();
      await bed.destroy();
      expect(netnsList().filter((ns) => bed.namespaces.includes(ns))).toEqual([]);
      expect(child.signalCode).toBe('SIGKILL');
      expect(existsSync(pam)).toBe(false);
    },
  );

  test('fails when a namespace name is taken, leaving only the one it did not make', () => {
    const prefix = `fk${process.pid}-taken`;
    execFileSync('ip', ['netns', 'add', `${prefix}-nat`]);
    try {
      expect(() => TestBed.create({ prefix })).toThrow(new RegExp(`${prefix}-nat`));
      expect(netnsList().filter((ns) => ns.startsWith(`${prefix}-`))).toEqual([`${prefix}-nat`]);
    } finally {
      execFileSync('ip', ['netns', 'delete', `${prefix}-nat`]);
    }
  });

  test('WHEN the process that owns a bed gets SIGTERM (a killed test run) THEN it deletes the bed before it dies', async () => {
    // The bed's module, compiled for a plain node process of its own.
    const dir = mkdtempSync(join(tmpdir(), 'ftp-kit-bed-owner-'));
    try {
      const { code } = transformFileSync(join(__dirname, 'netns.ts'), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      writeFileSync(join(dir, 'netns.js'), code);
      const script =
        `const bed = require(${JSON.stringify(join(dir, 'netns.js'))}).TestBed.create(); ` +
        `console.log(JSON.stringify(bed.namespaces)); setInterval(() => {}, 1000);`;
      const owner = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const namespaces: string[] = await new Promise((resolve) =>
        owner.stdout!.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()))),
      );
      expect(netnsList()).toEqual(expect.arrayContaining(namespaces));
      const exited = new Promise((resolve) => owner.on('exit', (_code, signal) => resolve(signal)));
      owner.kill('SIGTERM');
      expect(await exited).toBe('SIGTERM');
      expect(netnsList().filter((ns) => namespaces.includes(ns))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('WHEN the owner of a bed died THEN reapOrphanedTestBeds deletes its namespaces', () => {
    const dead = spawnSync('true').pid!;
    const ns = `fk${dead}-0-srv`;
    execFileSync('ip', ['netns', 'add', ns]);
    try {
      expect(reapOrphanedTestBeds()).toContain(ns);
      expect(netnsList()).not.toContain(ns);
    } finally {
      spawnSync('ip', ['netns', 'delete', ns]);
    }
  });
});
