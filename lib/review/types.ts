import { Finding, Level } from '../checks/types';
import { IngressSource } from '../model/network';

/** `--fail-on`: the least severe level that fails a review; `none` never fails. */
export type FailOn = Level | 'none';
export const FAIL_ON: readonly FailOn[] = ['high', 'medium', 'low', 'none'];

export type ReviewFormat = 'terminal' | 'md' | 'json' | 'sarif' | 'junit';
export const REVIEW_FORMATS: readonly ReviewFormat[] = ['terminal', 'md', 'json', 'sarif', 'junit'];

/** What a resource change does, replacements told apart from updates. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'no-op';

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  /** Construct path, when known. */
  readonly path?: string;
  readonly action: ChangeKind;
  /** Terraform's actions, as in the plan (`["delete","create"]`). */
  readonly actions: readonly string[];
  /** A replacement or deletion of what partners depend on: the data volume, the Elastic IP, a user secret. */
  readonly dangerous: boolean;
  /** For a dangerous change: what would be lost. */
  readonly loses?: string;
  /** Terraform's reason for a replacement (`replace_because_cannot_update`, ...). */
  readonly reason?: string;
}

/** One row of "what can reach what": an ingress rule, its ports and its sources. */
export interface ExposureRow {
  /** The security group (address or id). */
  readonly securityGroup: string;
  /** The resource that opens it. */
  readonly rule: string;
  readonly protocol: string;
  /** `21`, `40000-40099` or `all`. */
  readonly ports: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly sources: readonly IngressSource[];
  /** True when a source is 0.0.0.0/0 or ::/0. */
  readonly public: boolean;
  /** Instances in the group. */
  readonly instances: readonly string[];
}

export interface ReviewSummary {
  /** What was reviewed: a plan, or a synthesized stack (everything is a create). */
  readonly source: 'plan' | 'synth';
  /** Number of resources per kind of change. */
  readonly changes: Readonly<Record<ChangeKind, number>>;
  /** Dangerous changes (see ResourceChange.dangerous). */
  readonly dangerous: number;
  /** Findings per level; acknowledged ones counted apart as well. */
  readonly findings: Readonly<Record<Level, number>> & { readonly acknowledged: number };
  /** True when some rule lets 0.0.0.0/0 or ::/0 in. */
  readonly publicExposure: boolean;
}

/** The result of a review: `reviewPlan()`'s return value, and what `--format json` prints. */
export interface ReviewResult {
  readonly summary: ReviewSummary;
  /** Dangerous changes first, then by action and address. */
  readonly changes: readonly ResourceChange[];
  readonly exposure: readonly ExposureRow[];
  /** Most severe first; acknowledged ones included, marked. */
  readonly findings: readonly Finding[];
}
