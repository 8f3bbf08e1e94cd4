/*
 * A network on one machine, built from network namespaces and veth pairs, the way AWS puts an EC2
 * server behind its Elastic IP:
 *
 *   allowed client 198.51.100.10 ─┐                          ┌─ server 10.99.0.2 (private address)
 *   second allowed 198.51.100.20 ─┼─ nat (router, 1:1 NAT) ─┤
 *   denied client  192.0.2.10 ────┘  203.0.113.10 ⇄ 10.99.0.2
 *
 * IPv6 as AWS gives it, beside that: no NAT, the server has a global address of its own
 * (2001:db8:99::2) that the nat namespace routes to; the allowed client has 2001:db8:100::10 and the
 * denied one 2001:db8:192::10 (the second allowed client is IPv4 only). `blockPortsAtNat` is IPv4 only.
 *
 * The nat namespace maps the public address 1:1 to the server (DNAT in, SNAT out) and keeps the
 * clients' source addresses, as an Elastic IP does. Like the internet, it never forwards a client's
 * packet to the private address itself (rejected at once, so a client that trusts a private address
 * in a 227 reply fails fast). `blockPortsAtNat` drops ports between clients and server, as a
 * security group without them would.
 *
 * Addresses are documentation ranges or exist only inside these namespaces. Namespace names start
 * with `fk<pid>-<n>-` so that concurrent runs never collide, and `destroy()` (also run from a process
 * 'exit' hook, and for beds whose owner process died) kills every process inside and deletes them.
 */
import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import * as net from 'node:net';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** One namespace of the bed and its address there. */
export interface BedHost {
  /** The namespace name, for `ip netns exec`. */
  readonly ns: string;
  readonly address: string;
  /** Its global IPv6 address, when it has one. */
  readonly address6?: string;
}

export interface ExecResult {
  /** Exit code, or null when killed (e.g. by the timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the command was killed for running past `timeoutMs`. */
  readonly timedOut: boolean;
}

export interface ExecProps {
  /** Written to the command's stdin (then closed). @default nothing: stdin is closed at once */
  readonly input?: string;
  /** SIGKILL after this long. @default 60000 */
  readonly timeoutMs?: number;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export const TESTBED_ADDRESSES = {
  server: '10.99.0.2',
  serverGateway: '10.99.0.1',
  serverSubnet: '10.99.0.0/24',
  publicAddress: '203.0.113.10',
  allowedClient: '198.51.100.10',
  allowedGateway: '198.51.100.1',
  allowedSubnet: '198.51.100.0/24',
  /** A second client inside the allowlist (its own link, a /32 route at the NAT): shows that a ban hits one address only. */
  secondAllowedClient: '198.51.100.20',
  deniedClient: '192.0.2.10',
  deniedGateway: '192.0.2.1',
  deniedSubnet: '192.0.2.0/24',
  server6: '2001:db8:99::2',
  serverGateway6: '2001:db8:99::1',
  allowedClient6: '2001:db8:100::10',
  allowedGateway6: '2001:db8:100::1',
  allowedSubnet6: '2001:db8:100::/64',
  deniedClient6: '2001:db8:192::10',
  deniedGateway6: '2001:db8:192::1',
  deniedSubnet6: '2001:db8:192::/64',
} as const;

const ROLES = ['srv', 'nat', 'in', 'out', 'in2'] as const;
/** Beds not destroyed yet: torn down if this process is told to stop (a killed jest run). */
const liveBeds = new Set<TestBed>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const bed of liveBeds) bed.destroySync();
      // Then die of the signal as the process would have.
      process.kill(process.pid, signal);
    });
  }
}
const BED_NAME = /^fk(\d+)-(\d+)-(srv|nat|in|out|in2)$/;
const CONNECTOR = join(__dirname, 'connector.js');
let counter = 0;

function ip(args: readonly string[], input?: string): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`ip ${args.join(' ')}: ${stderr || (err as Error).message}`);
  }
}

function listNamespaces(): string[] {
  return ip(['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter(Boolean);
}

/**
 * Removes the PAM services of `ftp-kit preview` processes that were killed before they could
 * (their names end in the preview's pid: ftp-kit-preview-<port>-<pid>[-n]).
 */
function removePreviewPamServices(pids: readonly number[]): void {
  const killed = new Set(pids.map(String));
  try {
    for (const name of readdirSync('/etc/pam.d')) {
      const match = /^ftp-kit-preview-\d+-(\d+)(-\d+)?$/.exec(name);
      if (match && killed.has(match[1])) rmSync(join('/etc/pam.d', name), { force: true });
    }
  } catch {
    // teardown goes on
  }
}

/** SIGKILLs every process in the namespace, then deletes it; never throws (teardown must go on). Returns the pids it killed. */
function killAndDelete(ns: string): number[] {
  const killed: number[] = [];
  for (let round = 0; round < 5; round++) {
    let pids: number[] = [];
    try {
      pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      break; // the namespace is gone
    }
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // already gone
      }
    }
  }
  try {
    execFileSync('ip', ['netns', 'delete', ns], { stdio: 'ignore' });
  } catch {
    // already deleted
  }
  return killed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes the namespaces of beds whose owner process is dead (a run that was SIGKILLed). Returns their names. */
export function reapOrphanedTestBeds(): string[] {
  const orphans = listNamespaces().filter((ns) => {
    const match = BED_NAME.exec(ns);
    return match !== null && Number(match[1]) !== process.pid && !alive(Number(match[1]));
  });
  removePreviewPamServices(orphans.flatMap((ns) => killAndDelete(ns)));
  return orphans;
}

/** The NAT's rules: the Elastic IP's 1:1 mapping, no route to private addresses from outside, and a set of blocked ports. */
function natRules(): string {
  const a = TESTBED_ADDRESSES;
  return `table ip testbed {
  set blocked {
    type inet_service
    flags interval
  }
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr ${a.publicAddress} dnat to ${a.server}
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr ${a.server} oifname != "srv0" snat to ${a.publicAddress}
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
    ct state new iifname != "srv0" ip daddr ${a.serverSubnet} ct status & dnat == 0 reject with icmp type admin-prohibited
    iifname != "srv0" tcp dport @blocked counter drop
  }
}
`;
}

interface Pending {
  resolve(socket: net.Socket): void;
  reject(err: Error): void;
}

/** One long-lived node process inside a namespace that connects sockets there and hands them over. */
class Connector {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(ns: string) {
    this.child = spawn('ip', ['netns', 'exec', ns, process.execPath, CONNECTOR], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child.on('message', (message: { id: number; error?: string }, handle: unknown) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error !== undefined || !(handle instanceof net.Socket)) {
        const err = new Error(`connect from ${ns}: ${message.error ?? 'no socket handed over'}`) as NodeJS.ErrnoException;
        err.code = message.error;
        waiter.reject(err);
      } else {
        waiter.resolve(handle);
      }
    });
    this.child.on('exit', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the connector in ${ns} exited`));
      this.pending.clear();
    });
  }

  connect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
    const id = this.next++;
    return new Promise<net.Socket>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, host, port, timeoutMs });
    });
  }

  close(): void {
    this.child.kill('SIGKILL');
  }
}

export interface TestBedProps {
  /** Namespace name prefix. @default `fk<pid>-<n>`, unique in this process */
  readonly prefix?: string;
}

export class TestBed {
  /** The server's namespace, holding the private address; run `ftp-kit preview` here. */
  readonly server: BedHost;
  /** The router that maps publicAddress 1:1 to the server. */
  readonly nat: BedHost;
  /** A client inside the allowlist 198.51.100.0/24. */
  readonly allowedClient: BedHost;
  /** A client outside it (192.0.2.0/24). */
  readonly deniedClient: BedHost;
  /** Another client inside the allowlist (198.51.100.20), on a link of its own. */
  readonly secondAllowedClient: BedHost;
  /** The Elastic IP: what clients connect to. */
  readonly publicAddress = TESTBED_ADDRESSES.publicAddress;
  readonly prefix: string;

  private readonly children = new Set<ChildProcess>();
  /** The namespaces this bed added: teardown never deletes one it did not make. */
  private readonly created: string[] = [];
  private readonly connectors = new Map<string, Connector>();
  private destroyed = false;
  private readonly exitHook = () => this.destroySync();

  private constructor(prefix: string) {
    const a = TESTBED_ADDRESSES;
    this.prefix = prefix;
    this.server = { ns: `${prefix}-srv`, address: a.server, address6: a.server6 };
    this.nat = { ns: `${prefix}-nat`, address: a.serverGateway, address6: a.serverGateway6 };
    this.allowedClient = { ns: `${prefix}-in`, address: a.allowedClient, address6: a.allowedClient6 };
    this.deniedClient = { ns: `${prefix}-out`, address: a.deniedClient, address6: a.deniedClient6 };
    this.secondAllowedClient = { ns: `${prefix}-in2`, address: a.secondAllowedClient };
  }

  /** Builds the bed; when any step fails, what was built is removed and the error thrown. */
  static create(props: TestBedProps = {}): TestBed {
    reapOrphanedTestBeds();
    const bed = new TestBed(props.prefix ?? `fk${process.pid}-${counter++}`);
    process.on('exit', bed.exitHook);
    liveBeds.add(bed);
    hookSignals();
    try {
      bed.build();
    } catch (err) {
      bed.destroySync();
      throw err;
    }
    return bed;
  }

  /** Every namespace of the bed. */
  get namespaces(): string[] {
    return ROLES.map((role) => `${this.prefix}-${role}`);
  }

  private build(): void {
    const a = TESTBED_ADDRESSES;
    for (const ns of this.namespaces) {
      ip(['netns', 'add', ns]);
      this.created.push(ns);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    const nat = this.nat.ns;
    // Each veth pair is made inside the nat namespace with its peer moved straight into the other
    // one: no interface ever appears in the machine's own namespace, so concurrent beds cannot clash.
    const links: Array<[string, BedHost, string, string, string]> = [
      ['srv0', this.server, a.serverGateway, a.server, a.serverGateway6],
      ['in0', this.allowedClient, a.allowedGateway, a.allowedClient, a.allowedGateway6],
      ['out0', this.deniedClient, a.deniedGateway, a.deniedClient, a.deniedGateway6],
    ];
    for (const [natSide, host, gateway, address, gateway6] of links) {
      ip(['-n', nat, 'link', 'add', natSide, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.ns]);
      ip(['-n', nat, 'address', 'add', `${gateway}/24`, 'dev', natSide]);
      // nodad: usable at once, not after duplicate address detection's second.
      ip(['-n', nat, '-6', 'address', 'add', `${gateway6}/64`, 'dev', natSide, 'nodad']);
      ip(['-n', nat, 'link', 'set', natSide, 'up']);
      ip(['-n', host.ns, 'address', 'add', `${address}/24`, 'dev', 'eth0']);
      ip(['-n', host.ns, '-6', 'address', 'add', `${host.address6!}/64`, 'dev', 'eth0', 'nodad']);
      ip(['-n', host.ns, 'link', 'set', 'eth0', 'up']);
      ip(['-n', host.ns, 'route', 'add', 'default', 'via', gateway]);
      ip(['-n', host.ns, '-6', 'route', 'add', 'default', 'via', gateway6, 'dev', 'eth0']);
    }
    // The second allowed client shares the allowed /24 but not its link: a /32 route each way, and the
    // NAT's gateway address answered on this link too (ARP answers for any local address).
    const second = this.secondAllowedClient;
    ip(['-n', nat, 'link', 'add', 'in1', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', second.ns]);
    ip(['-n', nat, 'link', 'set', 'in1', 'up']);
    ip(['-n', nat, 'route', 'add', `${second.address}/32`, 'dev', 'in1']);
    ip(['-n', second.ns, 'address', 'add', `${second.address}/32`, 'dev', 'eth0']);
    ip(['-n', second.ns, 'link', 'set', 'eth0', 'up']);
    ip(['-n', second.ns, 'route', 'add', `${a.allowedGateway}/32`, 'dev', 'eth0']);
    ip(['-n', second.ns, 'route', 'add', 'default', 'via', a.allowedGateway, 'dev', 'eth0']);
    execFileSync('ip', ['netns', 'exec', nat, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1'], {
      stdio: 'ignore',
    });
    execFileSync('ip', ['netns', 'exec', nat, 'nft', '-f', '-'], { input: natRules(), stdio: ['pipe', 'ignore', 'pipe'] });
  }

  /** Runs a command inside a namespace and collects its output; never rejects on a non-zero exit. */
  exec(host: BedHost, command: string, args: readonly string[] = [], props: ExecProps = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const child = this.spawn(host, command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: props.env, cwd: props.cwd });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, props.timeoutMs ?? 60000);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr, timedOut });
      });
      child.stdin!.on('error', () => {
        /* the command may exit without reading its input */
      });
      child.stdin!.end(props.input ?? '');
    });
  }

  /** Starts a command inside a namespace (`ip netns exec` execs it: the child's pid is the command's). Killed by destroy(). */
  spawn(host: BedHost, command: string, args: readonly string[] = [], options: SpawnOptions = {}): ChildProcess {
    if (this.destroyed) throw new Error('the test bed is destroyed');
    const child = spawn('ip', ['netns', 'exec', host.ns, command, ...args], options);
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /**
   * A TCP socket connected from inside `client`'s namespace (so it leaves from the client's address),
   * ready to use in this process. Rejects with `code` ETIMEDOUT, ECONNREFUSED, EHOSTUNREACH… when it
   * cannot connect within `timeoutMs`.
   */
  connect(client: BedHost, host: string, port: number, timeoutMs = 10000): Promise<net.Socket> {
    if (this.destroyed) return Promise.reject(new Error('the test bed is destroyed'));
    let connector = this.connectors.get(client.ns);
    if (!connector) {
      connector = new Connector(client.ns);
      this.connectors.set(client.ns, connector);
    }
    return connector.connect(host, port, timeoutMs);
  }

  /** `connect` bound to one client: a `(host, port) => Promise<Socket>` for code that opens its own connections (RawFtp.open). */
  connectFrom(client: BedHost, timeoutMs = 10000): (host: string, port: number) => Promise<net.Socket> {
    return (host, port) => this.connect(client, host, port, timeoutMs);
  }

  /** Drops TCP to these ports between the clients and the server at the NAT, as a security group without them would. */
  blockPortsAtNat(ports: { readonly from: number; readonly to: number }): void {
    execFileSync(
      'ip',
      ['netns', 'exec', this.nat.ns, 'nft', 'add', 'element', 'ip', 'testbed', 'blocked', `{ ${ports.from}-${ports.to} }`],
      { stdio: 'ignore' },
    );
  }

  /** Lets every port through the NAT again. */
  unblockPortsAtNat(): void {
    execFileSync('ip', ['netns', 'exec', this.nat.ns, 'nft', 'flush', 'set', 'ip', 'testbed', 'blocked'], { stdio: 'ignore' });
  }

  /** Kills every process in the bed's namespaces and deletes them. Idempotent; never throws. */
  destroySync(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    process.off('exit', this.exitHook);
    liveBeds.delete(this);
    for (const connector of this.connectors.values()) connector.close();
    const killed: number[] = [];
    for (const child of this.children) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killed.push(child.pid);
      child.kill('SIGKILL');
    }
    for (const ns of this.created) killed.push(...killAndDelete(ns));
    removePreviewPamServices(killed);
  }

  /** destroySync(), then waits (bounded) until the processes it started have exited. */
  async destroy(): Promise<void> {
    const running = [...this.children].filter((c) => c.exitCode === null && c.signalCode === null);
    this.destroySync();
    const deadline = Date.now() + 5000;
    while (running.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The namespaces of this machine (for tests that prove teardown). */
export function netnsList(): string[] {
  return listNamespaces();
}
