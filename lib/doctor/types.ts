import type { FtpControl, TranscriptLine } from '../ftp/control';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The checks, in the order they run: a partner's client goes through the same steps. */
export const CHECK_IDS = [
  'dns',
  'tcp',
  'banner',
  'auth-tls',
  'certificate',
  'login',
  'pasv-address',
  'passive-range',
  'epsv',
  'tls-reuse',
  'round-trip',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** What was seen, in one line (a reply, an address, a cipher). */
  readonly detail: string;
  /** For a failure or a warning: what it means, in plain words. */
  readonly diagnosis?: string;
  /** For a failure or a warning: what to do. */
  readonly fix?: string;
  readonly durationMs: number;
  /** For a failure: commands a partner's admin can paste to see the same by hand. */
  readonly tryByHand?: readonly string[];
}

export interface DoctorProps {
  /** Host name or address the partners use. */
  readonly host: string;
  /** Control port. @default 21 */
  readonly port?: number;
  /** User to log in as. Without it the doctor stops after the TLS checks. @default none */
  readonly user?: string;
  /** The user's password (the CLI reads it from an environment variable, never from argv). @default none */
  readonly password?: string;
  /** The passive range the security group opens: the server's ports must lie in it. @default not checked */
  readonly expectPassive?: { readonly from: number; readonly to: number };
  /**
   * PEM of the CA (or the self-signed certificate itself) to verify with. A certificate that does not
   * verify against it fails the check, and no password is sent.
   * @default the system's CAs, and a certificate that does not verify is only a warning
   */
  readonly ca?: string;
  /** Do not warn about a certificate that does not verify. @default false */
  readonly insecure?: boolean;
  /** Bound of each network step. @default 10 */
  readonly timeoutSeconds?: number;
  /** Called as each check ends, for live output. @default none */
  readonly onCheck?: (check: CheckResult) => void;
  /** Sees every control-channel line (passwords masked): `--verbose`. @default none */
  readonly transcript?: TranscriptLine;
}

export interface DoctorReport {
  readonly host: string;
  readonly port: number;
  /** The address connected to. */
  readonly address?: string;
  readonly checks: readonly CheckResult[];
  /** SHA-256 fingerprint of the server's certificate, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly certificateFingerprint?: string;
  /** True when no check failed. */
  readonly ok: boolean;
  /** What the doctor could not test with the flags it had (e.g. no --user). @default everything was tested */
  readonly notTested?: string;
}

/** What a step reports about itself. */
export type Diagnosed = Omit<CheckResult, 'id' | 'durationMs'>;

/** What the steps found so far: each step reads it and adds to it, never changes what is there. */
export interface Findings {
  /** The address to connect to (dns). */
  readonly address?: string;
  /** The open control connection (tcp). */
  readonly control?: FtpControl;
  /** The server greeted with 220 (banner). */
  readonly greeted?: boolean;
  /** The control connection runs over TLS (auth-tls). */
  readonly secure?: boolean;
  /** The certificate may receive the password (certificate). */
  readonly trusted?: boolean;
  readonly fingerprint?: string;
  /** Logged in with the data channel protected (login). */
  readonly loggedIn?: boolean;
  /** Where the server's passive port is (pasv-address). */
  readonly dataTarget?: { readonly address: string; readonly port: number };
  /** Some passive port connected: a transfer can be tried (passive-range). */
  readonly dataReachable?: boolean;
  /** Every sampled passive port connected (passive-range). */
  readonly passiveClean?: boolean;
  /** Passive ports that did not connect (passive-range). */
  readonly droppedPorts?: ReadonlySet<number>;
}

export interface StepInput {
  readonly props: DoctorProps;
  readonly port: number;
  readonly timeoutMs: number;
  readonly found: Findings;
}

/** A step's result and the facts it adds for the steps after it. */
export interface StepOutcome extends Diagnosed {
  readonly found?: Partial<Findings>;
}

/** One step of the doctor, one a file in ./steps: a function of the props and of what earlier steps found. */
export interface DoctorStep {
  readonly id: CheckId;
  /** Why the step cannot run, from what earlier steps found; undefined when it can. @default it always runs */
  blockedBy?(found: Findings, props: DoctorProps): string | undefined;
  run(input: StepInput): Promise<StepOutcome>;
}
