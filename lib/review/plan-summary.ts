/*
 * The change count and resource list of a plan, as terraform prints them ("Plan: 31 to add, 0 to
 * change, 0 to destroy."), from the plan JSON alone: `ftp-kit plan` shows it whether piped or not.
 */
import { Paint, plain } from '../color';

export interface PlanChange {
  /** `+` create, `~` update, `-` delete, `-/+` replace. */
  readonly symbol: '+' | '~' | '-' | '-/+';
  readonly address: string;
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Changed resources, sorted by address. */
  readonly changes: readonly PlanChange[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function symbolOf(actions: readonly unknown[]): PlanChange['symbol'] | undefined {
  const has = (a: string) => actions.includes(a);
  if (has('create') && has('delete')) return '-/+';
  if (has('create')) return '+';
  if (has('delete')) return '-';
  if (has('update')) return '~';
  return undefined;
}

/** Counts as terraform does: a replacement is one to add and one to destroy; reads and no-ops do not count. */
export function summarizePlan(plan: unknown): PlanSummary {
  const changes: PlanChange[] = [];
  const list = isObject(plan) && Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  for (const rc of list) {
    if (!isObject(rc) || typeof rc.address !== 'string' || rc.mode === 'data') continue;
    const actions = isObject(rc.change) && Array.isArray(rc.change.actions) ? rc.change.actions : [];
    const symbol = symbolOf(actions);
    if (symbol) changes.push({ symbol, address: rc.address });
  }
  changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const count = (...symbols: PlanChange['symbol'][]) => changes.filter((c) => symbols.includes(c.symbol)).length;
  return { add: count('+', '-/+'), change: count('~'), destroy: count('-', '-/+'), changes };
}

export function hasChanges(summary: PlanSummary): boolean {
  return summary.changes.length > 0;
}

const HUE = { '+': 'green', '~': 'yellow', '-': 'red', '-/+': 'yellow' } as const;

/** `Plan: N to add, N to change, N to destroy.` and one line a changed resource. */
export function formatPlanSummary(summary: PlanSummary, paint: Paint = plain): string {
  const lines = [`${paint('bold', 'Plan:')} ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`];
  for (const c of summary.changes) lines.push(`  ${paint(HUE[c.symbol], c.symbol.padStart(3))} ${c.address}`);
  return `${lines.join('\n')}\n`;
}
