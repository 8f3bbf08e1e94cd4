import { TfModel } from '../model/types';
import { Acknowledgement, Finding, LEVELS, Level, Rule } from './types';

export interface RunRulesOptions {
  /** Accepted rules, with reasons. @default none */
  readonly acknowledgements?: readonly Acknowledgement[];
}

/** Most severe first, then by rule id, resource and message: a stable order for reports and goldens. */
export function compareFindings(a: Finding, b: Finding): number {
  return LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.id.localeCompare(b.id) || a.resource.localeCompare(b.resource) || a.message.localeCompare(b.message);
}

/** Runs rules over a model; acknowledged findings stay in the list, marked (see Rule.acknowledgedLevel). */
export function runRules(model: TfModel, rules: readonly Rule[], options: RunRulesOptions = {}): Finding[] {
  const acks = new Map((options.acknowledgements ?? []).map((a) => [a.rule, a.reason]));
  const findings: Finding[] = [];
  for (const rule of rules) {
    const reason = acks.get(rule.id);
    for (const f of rule.check(model)) {
      const level: Level = reason !== undefined && rule.acknowledgedLevel ? rule.acknowledgedLevel : rule.level;
      findings.push({
        id: rule.id,
        level,
        resource: f.resource,
        path: model.get(f.resource)?.path,
        message: f.message,
        fix: f.fix ?? rule.fix,
        refs: rule.refs,
        ...(reason !== undefined ? { acknowledged: { reason, counts: rule.acknowledgedLevel !== undefined } } : {}),
      });
    }
  }
  return findings.sort(compareFindings);
}
