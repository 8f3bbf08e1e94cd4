import { BLOCKED_SHARE, groupRuns, missOdds, passivePort, Probe, probe, probeTimeoutMs, sampleSize, span } from '../passive';
import { DoctorStep, StepOutcome } from '../types';

const VERB = { connected: 'connect', timeout: 'time out', refused: 'refuse', error: 'fail' } as const;
/** Enough evidence: more dropped ports would only cost time. */
const MAX_TIMEOUTS = 8;
/** No port answered in this many tries: the whole range is dropped. */
const ALL_DROPPED_AFTER = 3;

const percent = (p: number): string => (p === 0 ? '0 %' : p < 0.001 ? `${(p * 100).toFixed(3)} %` : `${(p * 100).toFixed(1)} %`);

/**
 * Many PASVs in one session, each a fresh random port, each connected to: finds a firewall that drops
 * part of the passive range, and names the ports that time out.
 */
export const step: DoctorStep = {
  id: 'passive-range',
  blockedBy: (found) => (found.dataTarget ? undefined : 'no passive port to test'),
  async run({ props, timeoutMs, found }): Promise<StepOutcome> {
    const control = found.control!;
    const { address } = found.dataTarget!;
    const range = props.expectPassive;
    const size = range ? range.to - range.from + 1 : undefined;
    const wanted = sampleSize();
    const rttStarted = performance.now();
    await control.send('NOOP');
    let rttMs = performance.now() - rttStarted;
    const probes: Probe[] = [];
    // The first port is the one pasv-address was handed: the server listens on it now.
    let port: number | undefined = found.dataTarget!.port;
    for (let i = 0; i < wanted; i++) {
      if (i > 0) {
        const next = await passivePort(control);
        rttMs = Math.max(rttMs, next.rttMs);
        port = next.port;
        if (port === undefined) {
          return {
            status: 'fail',
            detail: `PASV → ${next.text} after ${i} passive ports`,
            diagnosis: 'the server stopped handing out passive ports',
            fix: 'see the server log (vsftpd.log)',
          };
        }
      }
      const { outcome, socket } = await probe(address, port, probeTimeoutMs(rttMs, timeoutMs));
      socket?.destroy();
      probes.push({ port, outcome });
      const timeouts = probes.filter((p) => p.outcome === 'timeout').length;
      const connected = probes.some((p) => p.outcome === 'connected');
      if (timeouts >= MAX_TIMEOUTS || (!connected && timeouts >= ALL_DROPPED_AFTER)) break;
      if (size !== undefined && new Set(probes.map((p) => p.port)).size >= size) break;
    }
    return judge(probes, range, size, address);
  },
};

function judge(
  probes: readonly Probe[],
  range: { from: number; to: number } | undefined,
  size: number | undefined,
  address: string,
): StepOutcome {
  const runs = groupRuns(probes);
  const distinct = runs.reduce((n, r) => n + r.ports, 0);
  const rangeText = range ? ` ${span(range.from, range.to)}` : '';
  const seen = runs.map((r) => `${span(r.from, r.to)} ${VERB[r.outcome]}`).join(', ');
  const covered = size !== undefined && distinct >= size;
  const odds = covered
    ? 'every port of the range tried'
    : `a blocked quarter of the range would go unnoticed with odds ${percent(missOdds(probes.length, BLOCKED_SHARE))}`;
  const detail = `${probes.length} PASV replies, ${distinct} distinct ports${size ? ` of ${size}` : ''}: ${seen}; ${odds}`;
  const connectedPorts = [...new Set(probes.filter((p) => p.outcome === 'connected').map((p) => p.port))];
  const failed = runs.filter((r) => r.outcome !== 'connected');
  const dropped = new Set(probes.filter((p) => p.outcome !== 'connected' && !connectedPorts.includes(p.port)).map((p) => p.port));
  const found = { dataReachable: connectedPorts.length > 0, passiveClean: failed.length === 0, droppedPorts: dropped };
  const outside = range ? runs.filter((r) => r.from < range.from || r.to > range.to) : [];
  if (range && outside.length > 0) {
    const ports = [...new Set(probes.map((p) => p.port))].filter((p) => p < range.from || p > range.to);
    return {
      status: 'fail',
      detail,
      found,
      diagnosis:
        `the server hands out passive ports outside the passive range${rangeText} that the firewall opens ` +
        `(${ports.join(', ')}): data connections to them are dropped`,
      fix: 'make pasv_min_port/pasv_max_port and the security group agree (ftp-kit derives both from passivePorts)',
    };
  }
  if (failed.length === 0) return { status: 'pass', detail, found };
  const failedText = failed.map((r) => `${span(r.from, r.to)} ${VERB[r.outcome]}`).join(', ');
  if (failed.every((r) => r.outcome === 'refused')) {
    return {
      status: 'fail',
      detail,
      found,
      diagnosis: `nothing listens on passive ports the server advertised (${failedText})`,
      fix: 'check that the server sits behind a 1:1 NAT (an Elastic IP) that forwards the passive range unchanged',
    };
  }
  const fix =
    `open the passive range${rangeText} (TCP) from your address in every firewall on the way: ` +
    'security group, host firewall, your own outbound rules';
  if (connectedPorts.length === 0) {
    return {
      status: 'fail',
      detail,
      found,
      fix,
      diagnosis:
        `the passive range${rangeText} is blocked between you and the server: no sampled passive port of ${address} ` +
        `answered (${failedText}) — a firewall, security group or NAT drops it`,
    };
  }
  return {
    status: 'fail',
    detail,
    found,
    fix,
    diagnosis:
      `a firewall between you and the server drops part of the passive range${rangeText}: ${failedText}, ` +
      `while ${connectedPorts.length} other ports connect — transfers fail at random`,
  };
}
