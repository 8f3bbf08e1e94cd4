/*
 * The doctor: checks an FTP server from the outside, step by step (./steps, one a file), and names what
 * is wrong in plain words. The runner only sequences: each step gets what earlier steps found, and a
 * step that cannot run is skipped with the reason of the first step that stopped the chain.
 */
import { tryByHand } from './manual';
import { STEPS } from './steps';
import { CheckResult, Diagnosed, DoctorProps, DoctorReport, Findings, StepOutcome } from './types';

export * from './types';

/** The last words of a report without --user: the data path was not tried. */
export const NOT_TESTED_WITHOUT_USER = 'passive mode and data connections need --user';

const UNEXPECTED: Omit<Diagnosed, 'status' | 'detail'> = {
  diagnosis: 'an unexpected error ended this step',
  fix: 'run again with --timeout 30; if it persists, report it with the output of --json',
};

/** Runs the checks in order; later checks are skipped (with the reason) once one makes them pointless. */
export async function runDoctor(props: DoctorProps): Promise<DoctorReport> {
  const port = props.port ?? 21;
  const timeoutMs = (props.timeoutSeconds ?? 10) * 1000;
  const checks: CheckResult[] = [];
  let found: Findings = {};
  let stopReason: string | undefined;
  const record = (result: CheckResult) => {
    checks.push(result);
    props.onCheck?.(result);
  };
  try {
    for (const step of STEPS) {
      const blocked = step.blockedBy?.(found, props);
      if (blocked !== undefined) {
        stopReason ??= blocked;
        record({ id: step.id, status: 'skip', detail: stopReason, durationMs: 0 });
        continue;
      }
      const started = performance.now();
      let outcome: StepOutcome;
      try {
        outcome = await step.run({ props, port, timeoutMs, found });
      } catch (err) {
        outcome = { status: 'fail', detail: (err as Error).message, ...UNEXPECTED };
      }
      const { found: more, ...result } = outcome;
      found = { ...found, ...more };
      const manual = result.status === 'fail' ? { tryByHand: tryByHand(step.id, props, found) } : {};
      record({ id: step.id, durationMs: Math.round(performance.now() - started), ...result, ...manual });
    }
  } finally {
    await found.control?.quit();
  }
  return {
    host: props.host,
    port,
    address: found.address,
    checks,
    certificateFingerprint: found.fingerprint,
    ok: !checks.some((c) => c.status === 'fail'),
    ...(props.user ? {} : { notTested: NOT_TESTED_WITHOUT_USER }),
  };
}
