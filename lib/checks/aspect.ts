import { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { RULES } from './index';
import { modelFromSynth } from '../model/build';
import { PolicyError } from './policy-error';
import { runRules } from './run';
import { Acknowledgement, Finding, Rule } from './types';

export interface PolicyChecksProps {
  /** Rules accepted on purpose (see acknowledgementsOf). @default none */
  readonly acknowledgements?: readonly Acknowledgement[];
  /** @default RULES */
  readonly rules?: readonly Rule[];
  /**
   * Throw PolicyError on unacknowledged high findings. Off for callers that review the plan right
   * after (`ftp-kit plan`, `ftp-kit review --config`), so that the review reports them instead.
   * @default true
   */
  readonly enforce?: boolean;
  /** Receives the findings that do not stop synthesis (acknowledged, or below high), once per stack. @default nothing */
  readonly onReport?: (stack: TerraformStack, findings: readonly Finding[]) => void;
}

/**
 * The review's rules at synth time: `Aspects.of(stack).add(new PolicyChecks(...))`. On the stack
 * it builds the model from the stack's own Terraform JSON and runs every rule; an unacknowledged
 * high finding throws PolicyError, which stops `app.synth()` before anything is written.
 */
export class PolicyChecks implements IAspect {
  /** The findings of the last check of each stack, by stack path (all of them when it did not stop synthesis). */
  public readonly findings = new Map<string, readonly Finding[]>();

  constructor(private readonly props: PolicyChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const findings = runRules(modelFromSynth(node.toTerraform()), this.props.rules ?? RULES, {
      acknowledgements: this.props.acknowledgements,
    });
    const blocking = findings.filter((f) => f.level === 'high' && !f.acknowledged);
    if (blocking.length > 0 && (this.props.enforce ?? true)) throw new PolicyError(node.node.id, blocking);
    this.findings.set(node.node.path, findings);
    if (findings.length > 0) this.props.onReport?.(node, findings);
  }
}
