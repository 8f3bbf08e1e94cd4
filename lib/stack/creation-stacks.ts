/**
 * Runs `fn` without formatting cdktf's token creation stacks. cdktf records a whole stack trace for
 * every token it makes (Intrinsic's `creationStack`, with Error.stackTraceLimit raised to the
 * maximum) and formats it at once, though it only ever prints it in its own token-resolution errors:
 * for a 53-resource stack that formatting was about 3 % of a cold `ftp-kit synth`. Those records are
 * plain objects, so only they are left empty; every Error's stack is formatted as before (by the
 * formatter in place, or as V8 does by default). FTP_KIT_DEBUG=1 keeps the records.
 */
export function withoutTokenCreationStacks<T>(fn: () => T): T {
  if (process.env.FTP_KIT_DEBUG) return fn();
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
    if (!(target instanceof Error)) return '';
    if (previous) return previous(target, frames);
    return [errorHeader(target), ...frames.map((frame) => `    at ${String(frame)}`)].join('\n');
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/** The first line of V8's own stack format: `Name: message`. */
function errorHeader(error: Error): string {
  try {
    return String(error);
  } catch {
    return 'Error';
  }
}
