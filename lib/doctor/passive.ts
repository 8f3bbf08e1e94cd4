/*
 * Sampling the passive range. vsftpd hands out a random port of its range on each PASV, so one data
 * connection tests one port: a firewall that drops a quarter of the range passes a single probe three
 * times in four. The doctor asks for many ports in one session and connects to each; the sample size
 * comes from the odds of missing a blocked share (each PASV is an independent uniform pick).
 */
import * as net from 'node:net';
import { connectTcp, ConnectError } from '../ftp/connect';
import type { FtpControl } from '../ftp/control';
import { parseEpsv, parsePasv } from '../ftp/reply';

/** The blocked share of the range the sample must find... */
export const BLOCKED_SHARE = 0.25;
/** ...with at most these odds of missing it. */
export const MISS_ODDS = 0.0005;

/** PASV replies needed so that a blocked `share` of the range is missed with at most `odds`: (1 − share)^n ≤ odds. */
export function sampleSize(share = BLOCKED_SHARE, odds = MISS_ODDS): number {
  return Math.ceil(Math.log(odds) / Math.log(1 - share));
}

/** The odds that `n` independent PASV replies all avoid a blocked `share` of the range. */
export function missOdds(n: number, share: number): number {
  return (1 - share) ** n;
}

/**
 * Bound of one probe's connect: short, as a dropped port costs the whole bound, yet robust: ten
 * control-channel round trips and never under 2 s, so that one lost SYN (resent after 1 s) still connects.
 */
export function probeTimeoutMs(controlRttMs: number, timeoutMs: number): number {
  return Math.min(timeoutMs, Math.max(2000, Math.ceil(10 * controlRttMs)));
}

export type ProbeOutcome = 'connected' | 'timeout' | 'refused' | 'error';

export interface Probe {
  readonly port: number;
  readonly outcome: ProbeOutcome;
}

/** Connects to one passive port: the outcome, and the socket when it connected (the caller closes it). */
export async function probe(address: string, port: number, timeoutMs: number): Promise<{ outcome: ProbeOutcome; socket?: net.Socket }> {
  try {
    return { outcome: 'connected', socket: await connectTcp(address, port, timeoutMs) };
  } catch (err) {
    if (err instanceof ConnectError && (err.kind === 'timeout' || err.kind === 'refused')) return { outcome: err.kind };
    return { outcome: 'error' };
  }
}

/** One PASV (EPSV over IPv6, where PASV cannot name the address), timed: the port and the control channel's round trip. */
export async function passivePort(control: FtpControl): Promise<{ port?: number; text: string; rttMs: number }> {
  const started = performance.now();
  const v6 = net.isIPv6(control.remoteAddress ?? '');
  const reply = await control.send(v6 ? 'EPSV' : 'PASV');
  const rttMs = performance.now() - started;
  if (v6) return { port: reply.code === 229 ? parseEpsv(reply.text) : undefined, text: reply.text, rttMs };
  return { port: reply.code === 227 ? parsePasv(reply.text)?.port : undefined, text: reply.text, rttMs };
}

/**
 * A data connection for a transfer: new passive ports until one connects, skipping ports the sample saw
 * dropped. Bounded by `tries`; undefined when none connected.
 */
export async function openDataConnection(
  control: FtpControl,
  address: string,
  blocked: ReadonlySet<number>,
  timeoutMs: number,
  tries = 8,
): Promise<net.Socket | undefined> {
  for (let i = 0; i < tries; i++) {
    const { port } = await passivePort(control);
    if (port === undefined) return undefined;
    if (blocked.has(port)) continue;
    const { socket } = await probe(address, port, timeoutMs);
    if (socket) return socket;
  }
  return undefined;
}

/** Sorted runs of sampled ports with the same outcome: `50000–50036 connected (14 ports)`. */
export function groupRuns(probes: readonly Probe[]): Array<{ from: number; to: number; outcome: ProbeOutcome; ports: number }> {
  const byPort = new Map<number, ProbeOutcome>();
  for (const p of probes) {
    // A port that answered once is open; a timeout elsewhere was the network, not the port.
    if (byPort.get(p.port) !== 'connected') byPort.set(p.port, p.outcome);
  }
  const runs: Array<{ from: number; to: number; outcome: ProbeOutcome; ports: number }> = [];
  for (const port of [...byPort.keys()].sort((a, b) => a - b)) {
    const outcome = byPort.get(port)!;
    const last = runs[runs.length - 1];
    if (last?.outcome === outcome) {
      last.to = port;
      last.ports++;
    } else {
      runs.push({ from: port, to: port, outcome, ports: 1 });
    }
  }
  return runs;
}

export const span = (from: number, to: number): string => (from === to ? String(from) : `${from}–${to}`);
