/* What the NAT integration tests share: their config and a preview behind the test bed's Elastic IP. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FtpKitConfigInput } from '../../lib/config/schema';
import { RawFtp } from '../support/ftp-raw';
import { PreviewProcess, startPreviewProcess } from '../support/preview-process';
import { BedHost, TestBed, TESTBED_ADDRESSES } from '../testbed/netns';

/**
 * Every value the tests depend on is set here, never taken from DEFAULTS (they may change). Small
 * limits keep the brute-force cases short: 2 failed logins, 2 s apart; 3 sessions per address.
 */
export function natConfig(overrides: Partial<FtpKitConfigInput> = {}): FtpKitConfigInput {
  return {
    name: 'nat-test',
    controlPort: 2121,
    passivePorts: { from: 50000, to: 50049 },
    allow: [TESTBED_ADDRESSES.allowedSubnet],
    users: [
      { name: 'alice', write: true },
      { name: 'bob', write: false },
    ],
    // 50 passive ports carry 16 sessions (3 ports each): the most maxClients may be.
    limits: { maxClients: 16, maxPerIp: 3, maxLoginFails: 2, failedLoginDelaySeconds: 2 },
    ...overrides,
  };
}

export interface NatServer {
  readonly bed: TestBed;
  readonly preview: PreviewProcess;
  readonly port: number;
  readonly passivePorts: { readonly from: number; readonly to: number };
  /** Scratch folder for client files. */
  readonly workDir: string;
  /** D/etc/tls/cert.pem. */
  readonly caFile: string;
}

/** Tears down in reverse order; each step runs even when an earlier one throws. */
export class Teardown {
  private readonly steps: Array<() => unknown> = [];
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    while (this.steps.length > 0) {
      try {
        await this.steps.pop()!();
      } catch {
        // keep tearing down
      }
    }
  }
}

/** A folder under /tmp that the preview's guest account can pass through. */
export function scratchDir(teardown: Teardown, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  teardown.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * `ftp-kit preview` in the bed's server namespace on the private address (or `listen`, e.g. `::` for
 * every address, IPv4 and IPv6), pasv_address = `pasvAddress`.
 */
export async function startNatServer(
  bed: TestBed,
  teardown: Teardown,
  config: FtpKitConfigInput,
  pasvAddress: string | undefined,
  listen: string = bed.server.address,
): Promise<NatServer> {
  const dir = scratchDir(teardown, 'ftp-kit-nat-');
  const workDir = scratchDir(teardown, 'ftp-kit-nat-work-');
  const preview = await startPreviewProcess({ netns: bed.server.ns, config, dir, listen, pasvAddress });
  teardown.add(() => preview.stop());
  return {
    bed,
    preview,
    workDir,
    port: config.controlPort!,
    passivePorts: config.passivePorts!,
    caFile: join(dir, 'etc', 'tls', 'cert.pem'),
  };
}

/** A fresh test bed and a preview behind its NAT (pasv_address = the public address); on a failed start, torn down at once. */
export async function startNatBed(teardown: Teardown, config: FtpKitConfigInput): Promise<NatServer> {
  try {
    const bed = TestBed.create();
    teardown.add(() => bed.destroy());
    return await startNatServer(bed, teardown, config, bed.publicAddress);
  } catch (err) {
    await teardown.run();
    throw err;
  }
}

/** Resolves with the error code of a connection attempt from `client` that fails (ETIMEDOUT: dropped), or 'connected'. */
export async function connectOutcome(bed: TestBed, client: BedHost, host: string, port: number, timeoutMs = 2000): Promise<string> {
  try {
    const socket = await bed.connect(client, host, port, timeoutMs);
    socket.destroy();
    return 'connected';
  } catch (err) {
    return String((err as NodeJS.ErrnoException).code);
  }
}

/**
 * Waits (bounded) until the address is in fail2ban's nftables set (ban4 or ban6, by its family), or
 * out of it: fail2ban logs "Ban"/"Unban" before its action has run, so the log line alone would race the rule.
 */
export async function waitForBan(server: NatServer, address: string, banned: boolean, timeoutMs = 15000): Promise<boolean> {
  const table = /^table inet (\S+)$/m.exec(readFileSync(join(server.preview.dir, 'etc', 'fail2ban-ban.nft'), 'utf8'))![1];
  const set = isIPv6(address) ? 'ban6' : 'ban4';
  const listed = new RegExp(`[{ ,]${address.replaceAll('.', '\\.')}[ ,}]`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listing = await server.bed.exec(server.bed.server, 'nft', ['list', 'set', 'inet', table, set], { timeoutMs: 5000 });
    if ((listing.code === 0 && listed.test(listing.stdout)) === banned) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Sends `count` wrong passwords for alice, two on each session `open` gives (the configs' maxLoginFails
 * is 2), each answered 530; resolves with the time the last one was sent.
 */
export async function failLogins(open: () => Promise<RawFtp>, count: number): Promise<number> {
  let lastSentAt = 0;
  for (let failed = 0; failed < count;) {
    const ftp = await open();
    for (let attempt = 0; attempt < 2 && failed < count; attempt++, failed++) {
      lastSentAt = Date.now();
      expect(await ftp.login('alice', 'not-the-password')).toEqual({ code: 530, text: '530 Login incorrect.' });
    }
    ftp.close();
  }
  return lastSentAt;
}
