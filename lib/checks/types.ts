import { TfModel } from '../model/types';

/** How bad a finding is. `high` stops `ftp-kit synth` unless acknowledged. */
export type Level = 'high' | 'medium' | 'low';

/** Most severe first. */
export const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

/** True when `level` is at least as severe as `threshold`. */
export function reaches(level: Level, threshold: Level): boolean {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(threshold);
}

/** The same check in other tools, where one exists, so a finding can be matched against their reports. */
export interface RuleRefs {
  /** checkov check ids (CKV_AWS_...). */
  readonly checkov?: readonly string[];
  /** AWS Security Hub control ids (EC2.19, ...). */
  readonly securityHub?: readonly string[];
  /** cdk-nag rule ids (AwsSolutions-EC23, NIST.800.53.R5-...). */
  readonly cdkNag?: readonly string[];
}

/** What a rule's check reports: one problem of one resource. */
export interface RuleFinding {
  /** Terraform address of the resource at fault. */
  readonly resource: string;
  /** What is wrong, with the values involved. */
  readonly message: string;
  /** A fix specific to this finding. @default the rule's fix */
  readonly fix?: string;
}

/**
 * A policy rule, cdk-nag style: one per file in lib/checks, a pure function of the model.
 */
export interface Rule {
  /** `FTPKIT-...`: what acknowledgements name. */
  readonly id: string;
  readonly level: Level;
  /** A short title. */
  readonly name: string;
  /** Why it matters. */
  readonly description: string;
  /** How to fix it. */
  readonly fix: string;
  readonly refs: RuleRefs;
  /**
   * The level an acknowledged finding keeps, still counting toward `--fail-on`. Undefined: an
   * acknowledged finding is listed but counts toward nothing.
   * @default undefined
   */
  readonly acknowledgedLevel?: Level;
  check(model: TfModel): RuleFinding[];
}

/** A policy finding as reviews and synth report it. */
export interface Finding {
  /** The rule id. */
  readonly id: string;
  /** Its level (for an acknowledged finding: the level it keeps, see Rule.acknowledgedLevel). */
  readonly level: Level;
  /** Terraform address of the resource. */
  readonly resource: string;
  /** Construct path, when the model knows it. */
  readonly path?: string;
  readonly message: string;
  readonly fix: string;
  readonly refs: RuleRefs;
  /** Set when the config acknowledges the rule. */
  readonly acknowledged?: {
    readonly reason: string;
    /** True when the finding still counts toward `--fail-on` (at `level`). */
    readonly counts: boolean;
  };
}

/** A rule accepted on purpose, as in the config's `acknowledge`. */
export interface Acknowledgement {
  readonly rule: string;
  /**
   * Accept the rule's findings of this resource only: its Terraform address (`aws_ebs_volume.data`,
   * as findings print it) or its construct path. An entry for the resource wins over one for the rule.
   * @default every finding of the rule
   */
  readonly resource?: string;
  readonly reason: string;
}
