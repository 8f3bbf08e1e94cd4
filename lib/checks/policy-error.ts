import { Finding } from './types';

/** One line (plus its fix) per finding, for terminals and error messages. */
export function describeFinding(f: Finding): string {
  const where = f.path ? `${f.resource} (${f.path})` : f.resource;
  const ack = f.acknowledged ? ` — acknowledged: ${f.acknowledged.reason}` : '';
  return `${f.id} [${f.level}] ${where}: ${f.message}${ack}\n    fix: ${f.fix}`;
}

/** Synthesis stopped: unacknowledged high findings. A user error (exit 1), not a crash. */
export class PolicyError extends Error {
  constructor(
    readonly stackName: string,
    readonly findings: readonly Finding[],
  ) {
    super(
      [
        `policy check of stack "${stackName}" failed: ${findings.length} high finding${findings.length === 1 ? '' : 's'}`,
        ...findings.map((f) => `  ${describeFinding(f)}`),
        'Fix them, or accept one on purpose: add { "rule": "<id>", "reason": "<why>" } to `acknowledge` in the config.',
      ].join('\n'),
    );
    this.name = 'PolicyError';
  }
}

/** What synth prints for findings that did not stop it (stderr): one entry per finding. */
export function formatReported(findings: readonly Finding[]): string {
  return findings.map((f) => `ftp-kit: policy ${f.acknowledged ? 'acknowledged' : 'warning'}: ${describeFinding(f)}\n`).join('');
}
