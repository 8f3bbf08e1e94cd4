/*
 * The README's sizing table, derived from measured figures: how many sessions an instance's memory
 * carries, and how many passive ports that many concurrent transfers need.
 */

export interface InstanceType {
  readonly type: string;
  readonly memoryMiB: number;
  readonly vcpus: number;
}

/** From the EC2 instance type pages (memory and vCPUs do not change between regions). */
export const INSTANCE_TYPES: readonly InstanceType[] = [
  { type: 't4g.nano', memoryMiB: 512, vcpus: 2 },
  { type: 't4g.micro', memoryMiB: 1024, vcpus: 2 },
  { type: 't4g.small', memoryMiB: 2048, vcpus: 2 },
  { type: 't4g.medium', memoryMiB: 4096, vcpus: 2 },
  { type: 't4g.large', memoryMiB: 8192, vcpus: 2 },
  { type: 'm7g.medium', memoryMiB: 4096, vcpus: 1 },
  { type: 'm7g.large', memoryMiB: 8192, vcpus: 2 },
];

export interface SizingProps {
  /** Real memory one logged-in session costs (sum of Pss of its vsftpd processes), MiB. */
  readonly sessionMiB: number;
  /** Passive ports per concurrent session that gave 0 failures (ports ÷ sessions of the passing run). */
  readonly measuredPortsPerSession: number;
  /**
   * The least ports per session the table uses. vsftpd 3.0.3 tries 9 random ports in the range and then
   * gives up (privops.c: `bind_retries = 10; while (--bind_retries)`), so with S data connections opening
   * at once in N ports a PASV fails with odds (S/N)^9: 1 in 512 at 2 ports per session, under 1 in 19,000
   * at 3. A busy range fails by chance, not by count: one passing run proves little. @default 3
   */
  readonly minPortsPerSession?: number;
  /** Memory the OS, SSM agent and the idle vsftpd keep. @default 256 */
  readonly reservedMiB?: number;
  /** Share of the rest left to the kernel (TCP and TLS buffers, page cache of served files). @default 0.5 */
  readonly kernelShare?: number;
  /** The schema's limit on the passive range. @default 1000 */
  readonly maxPassivePorts?: number;
}

export interface SizingRow {
  readonly type: string;
  readonly memoryMiB: number;
  readonly vcpus: number;
  /** Sessions the memory budget carries, before rounding and the port cap. */
  readonly memoryBoundSessions: number;
  readonly maxClients: number;
  readonly passivePorts: number;
  /** What limits maxClients. */
  readonly limitedBy: 'memory' | 'passive range';
}

/** Rounds down to a multiple of 50 (of 10 below 100), so the table reads as settings, not measurements. */
export function roundDownNice(n: number): number {
  if (n < 10) return Math.max(1, Math.floor(n));
  if (n < 100) return Math.floor(n / 10) * 10;
  return Math.floor(n / 50) * 50;
}

export function effectivePortsPerSession(props: SizingProps): number {
  return Math.max(props.measuredPortsPerSession, props.minPortsPerSession ?? 3);
}

export function sizingTable(props: SizingProps, types: readonly InstanceType[] = INSTANCE_TYPES): SizingRow[] {
  if (!(props.sessionMiB > 0)) throw new Error(`sizingTable: sessionMiB=${props.sessionMiB} — pass the measured memory per session (> 0)`);
  if (!(props.measuredPortsPerSession > 0))
    throw new Error(`sizingTable: measuredPortsPerSession=${props.measuredPortsPerSession} — pass the measured ports per session (> 0)`);
  const portsPerSession = effectivePortsPerSession(props);
  const reserved = props.reservedMiB ?? 256;
  const kernelShare = props.kernelShare ?? 0.5;
  const maxPorts = props.maxPassivePorts ?? 1000;
  const portBound = Math.floor(maxPorts / portsPerSession);
  return types.map((t) => {
    const memoryBoundSessions = Math.max(0, Math.floor(((t.memoryMiB - reserved) * (1 - kernelShare)) / props.sessionMiB));
    const limitedBy = memoryBoundSessions <= portBound ? ('memory' as const) : ('passive range' as const);
    const maxClients = roundDownNice(Math.min(memoryBoundSessions, portBound));
    const passivePorts = Math.min(maxPorts, Math.ceil(maxClients * portsPerSession));
    return { type: t.type, memoryMiB: t.memoryMiB, vcpus: t.vcpus, memoryBoundSessions, maxClients, passivePorts, limitedBy };
  });
}
