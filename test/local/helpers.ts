/* Configs and waits the lib/local tests share. Ports and ranges are chosen per run, never DEFAULTS. */
import { readFileSync } from 'node:fs';
import { validateConfig } from '../../lib/config';
import type { FtpKitConfig } from '../../lib/config/schema';
import { portProblem } from '../../lib/local/ports';

/**
 * A passive range below the kernel's ephemeral ports (32768+), different per process and per `slot`,
 * so concurrent runs on this machine rarely share one (vsftpd copes when they do: it retries a port).
 */
export function passiveRange(slot: number): { from: number; to: number } {
  const from = 20000 + ((process.pid * 7 + slot * 10) % 1200) * 10;
  return { from, to: from + 9 };
}

/**
 * A control port free on loopback now, below both the passive ranges and the kernel's ephemeral ports,
 * so no client socket of a concurrent test can take it before the preview binds it.
 */
export async function freeControlPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 12000 + Math.floor(Math.random() * 8000);
    if (!(await portProblem('127.0.0.1', port))) return port;
  }
  throw new Error('no free control port in 12000–19999 after 100 tries');
}

/** A config on a free loopback port whose allowlist does not name loopback (the preview must still let it in). */
export async function loopbackConfig(slot: number): Promise<FtpKitConfig> {
  const passivePorts = passiveRange(slot);
  return validateConfig({
    name: 'local-test',
    controlPort: await freeControlPort(),
    passivePorts,
    allow: ['198.51.100.0/24'],
    users: [{ name: 'alice', write: true }, { name: 'bob' }],
    limits: { failedLoginDelaySeconds: 1 },
  });
}

/** Polls `check` every 50 ms until it is true or `timeoutMs` passed; returns its last value. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}

/** True while `pid` is a live (not zombie) process. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
