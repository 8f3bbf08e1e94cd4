/* What the NAT integration tests share: their config and a preview behind the test bed's Elastic IP. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FtpKitConfigInput } from '../../lib/config/schema';
import { PreviewProcess, startPreviewProcess } from '../support/preview-process';
import { TestBed, TESTBED_ADDRESSES } from '../testbed/netns';

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

/** `ftp-kit preview` in the bed's server namespace on the private address, pasv_address = `pasvAddress`. */
export async function startNatServer(
  bed: TestBed,
  teardown: Teardown,
  config: FtpKitConfigInput,
  pasvAddress: string | undefined,
): Promise<NatServer> {
  const dir = scratchDir(teardown, 'ftp-kit-nat-');
  const workDir = scratchDir(teardown, 'ftp-kit-nat-work-');
  const preview = await startPreviewProcess({ netns: bed.server.ns, config, dir, listen: bed.server.address, pasvAddress });
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
