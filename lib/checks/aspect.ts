import { IAspect, IStackSynthesizer, ISynthesisSession, TerraformStack } from 'cdktf';
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
 * The review's rules at synth time, two ways:
 * - as an Aspect, `Aspects.of(stack).add(new PolicyChecks(...))`: on the stack it builds the model
 *   from the stack's own Terraform JSON and runs every rule;
 * - `checks.checkAtSynthesis(stack)`: the rules run on the very JSON the stack's synthesizer is about
 *   to write (see there).
 * Either way an unacknowledged high finding throws PolicyError, which stops `app.synth()` before the
 * stack is written.
 */
export class PolicyChecks implements IAspect {
  /** The findings of the last check of each stack, by stack path (all of them when it did not stop synthesis). */
  public readonly findings = new Map<string, readonly Finding[]>();

  constructor(private readonly props: PolicyChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    this.check(node, node.toTerraform());
  }

  /**
   * Checks the JSON that the stack's synthesizer writes, right before it writes it: after every
   * Aspect (an Aspect on the stack runs before those on its children, so it cannot see what they
   * change), and without resolving the whole stack a second time only for the rules (~20 ms of a
   * 53-resource stack's synth). Use it instead of adding this object as an Aspect, not both.
   */
  checkAtSynthesis(stack: TerraformStack): void {
    stack.synthesizer = new CheckingSynthesizer(stack, stack.synthesizer, (terraform) => this.check(stack, terraform));
  }

  /** Runs the rules on one stack's Terraform JSON; throws PolicyError on unacknowledged high findings when enforcing. */
  check(stack: TerraformStack, terraform: object): readonly Finding[] {
    const findings = runRules(modelFromSynth(terraform), this.props.rules ?? RULES, {
      acknowledgements: this.props.acknowledgements,
    });
    const blocking = findings.filter((f) => f.level === 'high' && !f.acknowledged);
    if (blocking.length > 0 && (this.props.enforce ?? true)) throw new PolicyError(stack.node.id, blocking);
    this.findings.set(stack.node.path, findings);
    if (findings.length > 0) this.props.onReport?.(stack, findings);
    return findings;
  }
}

/**
 * Wraps a stack's synthesizer. cdktf's synthesizer resolves the stack once, right before it writes
 * the result: `stack.toTerraform()` for JSON, `stack.toHclTerraform()` when it writes HCL
 * (SYNTH_HCL_OUTPUT). For that call the stack's method is shadowed by one that hands the stack's
 * Terraform JSON to `onTerraform` first (HCL mode resolves it once more for that), so a throw there
 * stops the write.
 */
class CheckingSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
    private readonly onTerraform: (terraform: object) => void,
  ) {}

  synthesize(session: ISynthesisSession): void {
    const stack = this.stack;
    const toTerraform = stack.toTerraform.bind(stack);
    const toHclTerraform = stack.toHclTerraform.bind(stack);
    const shadow = (name: 'toTerraform' | 'toHclTerraform', value: () => unknown) =>
      Object.defineProperty(stack, name, { value, configurable: true, writable: true });
    shadow('toTerraform', () => {
      const terraform = toTerraform();
      this.onTerraform(terraform as object);
      return terraform;
    });
    shadow('toHclTerraform', () => {
      this.onTerraform(toTerraform() as object);
      return toHclTerraform();
    });
    try {
      this.inner.synthesize(session);
    } finally {
      delete (stack as { toTerraform?: unknown }).toTerraform;
      delete (stack as { toHclTerraform?: unknown }).toHclTerraform;
    }
  }
}
