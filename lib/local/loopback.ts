/*
 * The loopback interface of the network namespace the preview runs in. A fresh namespace
 * (`ip netns add`) has it down, and then nothing on the machine can reach its own addresses, not even
 * vsftpd's listen address: the readiness check would never get a greeting. The preview brings it up
 * for its lifetime and puts it back as it found it.
 */
import { execFileSync } from 'node:child_process';

/** True when `lo` is up here (asked over netlink: /sys may show another namespace's interfaces). */
export function loopbackIsUp(): boolean {
  const line = execFileSync('ip', ['-o', 'link', 'show', 'dev', 'lo'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return /<[^>]*\bUP\b[^>]*>/.test(line);
}

/** Brings `lo` up when it is down; returns how to undo that (nothing to undo when it was up). */
export function ensureLoopbackUp(): (() => void) | undefined {
  if (loopbackIsUp()) return undefined;
  execFileSync('ip', ['link', 'set', 'dev', 'lo', 'up'], { stdio: 'ignore' });
  return () => execFileSync('ip', ['link', 'set', 'dev', 'lo', 'down'], { stdio: 'ignore' });
}
