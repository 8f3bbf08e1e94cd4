import { compareText } from '../model/compare';
import { TfModel } from '../model/types';
import { Acknowledgement, Finding, LEVELS, Level, Rule, RuleFinding } from './types';

export interface RunRulesOptions {
  /** Accepted rules, with reasons. @default none */
  readonly acknowledgements?: readonly Acknowledgement[];
}

/** Most severe first, then by rule id, resource and message: a stable order for reports and goldens. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
    compareText(a.id, b.id) ||
    compareText(a.resource, b.resource) ||
    compareText(a.message, b.message)
  );
}

/** The resource a rule that threw is reported on: it could not look at any one resource. */
export const RULE_FAILED_RESOURCE = '(rule failed)';

/** The rule's findings, or one finding at the rule's own level saying it could not run (a bug, never a pass). */
function checkSafely(rule: Rule, model: TfModel): RuleFinding[] {
  try {
    return rule.check(model);
  } catch (err) {
    return [
      {
        resource: RULE_FAILED_RESOURCE,
        message: `the rule could not run (${(err as Error)?.message ?? String(err)}), so nothing it checks is known to hold`,
        fix: 'report it (with FTP_KIT_DEBUG=1 output); until fixed, check by hand what the rule describes',
      },
    ];
  }
}

/** The reason of the acknowledgement that covers this finding: one naming its resource first, else one for the whole rule. */
function acknowledgementOf(acks: readonly Acknowledgement[], id: string, resource: string, path: string | undefined): string | undefined {
  const ofRule = acks.filter((a) => a.rule === id);
  const named = ofRule.find((a) => a.resource !== undefined && (a.resource === resource || a.resource === path));
  return (named ?? ofRule.find((a) => a.resource === undefined))?.reason;
}

/**
 * Runs rules over a model; acknowledged findings stay in the list, marked (see Rule.acknowledgedLevel).
 * A rule that throws is reported as a finding of that rule, not thrown on.
 */
export function runRules(model: TfModel, rules: readonly Rule[], options: RunRulesOptions = {}): Finding[] {
  const acks = options.acknowledgements ?? [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const f of checkSafely(rule, model)) {
      const path = model.get(f.resource)?.path;
      const reason = acknowledgementOf(acks, rule.id, f.resource, path);
      const level: Level = reason !== undefined && rule.acknowledgedLevel ? rule.acknowledgedLevel : rule.level;
      findings.push({
        id: rule.id,
        level,
        resource: f.resource,
        path,
        message: f.message,
        fix: f.fix ?? rule.fix,
        refs: rule.refs,
        ...(reason !== undefined ? { acknowledged: { reason, counts: rule.acknowledgedLevel !== undefined } } : {}),
      });
    }
  }
  return findings.sort(compareFindings);
}
