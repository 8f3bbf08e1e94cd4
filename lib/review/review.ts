import { compareText } from '../model/compare';
import { RULES } from '../checks';
import { PRECIOUS } from '../checks/destructive-change';
import { buildModel } from '../model/build';
import { ingressPaths, instanceSecurityGroups, isPublicSource, portText } from '../model/network';
import { TfModel } from '../model/types';
import { runRules } from '../checks/run';
import { Acknowledgement, Finding, LEVELS, reaches, Rule } from '../checks/types';
import { ChangeKind, ExposureRow, FailOn, ResourceChange, ReviewResult } from './types';

export interface ReviewOptions {
  /** Rules accepted on purpose (`acknowledgementsOf(config)`). @default none */
  readonly acknowledgements?: readonly Acknowledgement[];
  /** @default RULES */
  readonly rules?: readonly Rule[];
}

function kindOf(actions: readonly string[]): ChangeKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  for (const kind of ['create', 'delete', 'update', 'read'] as const) if (actions.includes(kind)) return kind;
  return 'no-op';
}

const ORDER: readonly ChangeKind[] = ['delete', 'replace', 'update', 'create', 'read', 'no-op'];

function changesOf(model: TfModel): ResourceChange[] {
  return model.resources
    .filter((r) => r.mode === 'managed')
    .map((r): ResourceChange => {
      const action = kindOf(r.actions);
      const loses = PRECIOUS[r.type];
      const dangerous = loses !== undefined && (action === 'replace' || action === 'delete');
      return {
        address: r.address,
        type: r.type,
        path: r.path,
        action,
        actions: r.actions,
        dangerous,
        ...(dangerous ? { loses } : {}),
        ...(r.actionReason ? { reason: r.actionReason } : {}),
      };
    })
    .sort(
      (a, b) =>
        Number(b.dangerous) - Number(a.dangerous) || ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || compareText(a.address, b.address),
    );
}

function exposureOf(model: TfModel): ExposureRow[] {
  const members = new Map<string, string[]>();
  for (const instance of model.ofType('aws_instance')) {
    for (const group of instanceSecurityGroups(model, instance)) members.set(group, [...(members.get(group) ?? []), instance.address]);
  }
  return ingressPaths(model)
    .map((p): ExposureRow => ({
      securityGroup: p.securityGroup,
      rule: p.rule,
      protocol: p.protocol,
      ports: portText(p),
      fromPort: p.fromPort,
      toPort: p.toPort,
      sources: p.sources,
      public: p.sources.some(isPublicSource),
      instances: members.get(p.securityGroup) ?? [],
    }))
    .sort(
      (a, b) =>
        compareText(a.securityGroup, b.securityGroup) ||
        compareText(a.protocol, b.protocol) ||
        a.fromPort - b.fromPort ||
        a.toPort - b.toPort ||
        compareText(a.rule, b.rule),
    );
}

/** Reviews a model: changes, exposure and findings. */
export function reviewModel(model: TfModel, options: ReviewOptions = {}): ReviewResult {
  const changes = changesOf(model);
  const exposure = exposureOf(model);
  const findings = runRules(model, options.rules ?? RULES, { acknowledgements: options.acknowledgements });
  const count = (kind: ChangeKind) => changes.filter((c) => c.action === kind).length;
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, findings.filter((f) => f.level === l).length])) as Record<
    (typeof LEVELS)[number],
    number
  >;
  return {
    summary: {
      source: model.source,
      changes: {
        create: count('create'),
        update: count('update'),
        replace: count('replace'),
        delete: count('delete'),
        read: count('read'),
        'no-op': count('no-op'),
      },
      dangerous: changes.filter((c) => c.dangerous).length,
      findings: { ...byLevel, acknowledged: findings.filter((f) => f.acknowledged).length },
      publicExposure: exposure.some((e) => e.public),
    },
    changes,
    exposure,
    findings,
  };
}

/**
 * Reviews a plan (`terraform show -json`) or a synthesized stack (cdk.tf.json), whichever `json` is.
 * Throws ModelInputError when it is neither.
 */
export function reviewPlan(json: unknown, options: ReviewOptions = {}): ReviewResult {
  return reviewModel(buildModel(json), options);
}

/** The findings that fail a review at `failOn`: at or above it, and not acknowledged away. */
export function failingFindings(result: ReviewResult, failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  return result.findings.filter((f) => reaches(f.level, failOn) && (!f.acknowledged || f.acknowledged.counts));
}

/** 1 when a finding fails the review at `failOn`, else 0 (the CLI's exit code). */
export function reviewExitCode(result: ReviewResult, failOn: FailOn): 0 | 1 {
  return failingFindings(result, failOn).length > 0 ? 1 : 0;
}
