import { compareText } from './compare';
import { isTemplate, unescapeTemplate } from './expressions';
import { ChangeAction, ModelResource, TfModel } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const asObject = (v: unknown): Json => (isObject(v) ? v : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The input is neither a plan JSON nor a synthesized stack. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}

// Meta-arguments: Terraform's, not the resource's.
const META = new Set(['//', 'count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

function makeModel(source: TfModel['source'], resources: ModelResource[], locals: Json): TfModel {
  const sorted = [...resources].sort((a, b) => compareText(a.address, b.address));
  const byAddress = new Map(sorted.map((r) => [r.address, r]));
  const byType = new Map<string, ModelResource[]>();
  for (const r of sorted) {
    if (r.mode !== 'managed') continue;
    byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  }
  return Object.freeze({
    source,
    resources: Object.freeze(sorted),
    locals: Object.freeze({ ...locals }),
    get: (address: string) => byAddress.get(address) ?? byAddress.get(address.replace(/\[[^\]]*\]$/, '')),
    ofType: (type: string) => byType.get(type) ?? [],
  });
}

/**
 * The values known before apply of a synthesized block: template strings (references, function
 * calls) are unknown and left out; a list with an unknown element is unknown as a whole.
 */
function knownValue(value: unknown, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (typeof value === 'string') return isTemplate(value) ? undefined : unescapeTemplate(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => knownValue(v, depth + 1));
    return items.some((v) => v === undefined) ? undefined : items;
  }
  if (isObject(value)) {
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      const known = knownValue(v, depth + 1);
      if (known !== undefined) out[key] = known;
    }
    return out;
  }
  return value;
}

function withoutMeta(body: Json): Json {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !META.has(key)));
}

/** Builds the model of a synthesized stack (cdk.tf.json, or `TerraformStack.toTerraform()`). */
export function modelFromSynth(stack: unknown): TfModel {
  if (!isObject(stack) || !('resource' in stack || 'data' in stack || 'terraform' in stack)) {
    throw new ModelInputError('not a synthesized Terraform JSON stack (no "resource" or "terraform" key)');
  }
  const resources: ModelResource[] = [];
  const add = (mode: 'managed' | 'data', group: unknown) => {
    for (const [type, byName] of Object.entries(asObject(group))) {
      for (const [name, raw] of Object.entries(asObject(byName))) {
        const body = asObject(raw);
        const path = asObject(asObject(body['//']).metadata).path;
        const expressions = withoutMeta(body);
        resources.push({
          address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
          mode,
          type,
          name,
          path: typeof path === 'string' ? path : undefined,
          values: asObject(knownValue(expressions)),
          expressions,
          actions: mode === 'data' ? ['read'] : ['create'],
        });
      }
    }
  };
  add('managed', stack.resource);
  add('data', stack.data);
  return makeModel('synth', resources, asObject(stack.locals));
}

/** A plan's configuration expression turned back into the value as written (`${...}` for references). */
function expressionValue(node: unknown, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (Array.isArray(node)) return node.map((n) => expressionValue(n, depth + 1));
  if (!isObject(node)) return node;
  if ('constant_value' in node) return node.constant_value;
  if ('references' in node) {
    const refs = asArray(node.references).filter((r): r is string => typeof r === 'string');
    // Terraform lists `a.b.attr` and then `a.b`: keep the most specific ones.
    const specific = refs.filter((r) => !refs.some((o) => o !== r && o.startsWith(`${r}.`)));
    return specific.map((r) => `\${${r}}`).join('');
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, expressionValue(v, depth + 1)]));
}

function configurationExpressions(module: unknown, prefix: string, out: Map<string, Json>, depth = 0): void {
  if (depth > 16) return;
  for (const r of asArray(asObject(module).resources)) {
    const resource = asObject(r);
    if (typeof resource.address !== 'string') continue;
    out.set(`${prefix}${resource.address}`, asObject(expressionValue(asObject(resource.expressions))));
  }
  for (const [name, call] of Object.entries(asObject(asObject(module).module_calls))) {
    configurationExpressions(asObject(call).module, `${prefix}module.${name}.`, out, depth + 1);
  }
}

interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: Json;
}

function plannedResources(module: unknown, out: PlannedResource[], depth = 0): void {
  if (depth > 16) return;
  for (const r of asArray(asObject(module).resources)) {
    const resource = asObject(r);
    if (typeof resource.address !== 'string' || typeof resource.type !== 'string') continue;
    out.push({
      address: resource.address,
      mode: resource.mode === 'data' ? 'data' : 'managed',
      type: resource.type,
      name: typeof resource.name === 'string' ? resource.name : resource.address,
      values: asObject(resource.values),
    });
  }
  for (const child of asArray(asObject(module).child_modules)) plannedResources(child, out, depth + 1);
}

const ACTIONS = new Set<ChangeAction>(['create', 'read', 'update', 'delete', 'no-op']);

/** Builds the model of a plan (`terraform show -json <planfile>`). */
export function modelFromPlan(plan: unknown): TfModel {
  if (!isObject(plan) || !('planned_values' in plan || 'resource_changes' in plan)) {
    throw new ModelInputError(
      'not a Terraform plan JSON (no "planned_values" or "resource_changes": use `terraform show -json <planfile>`)',
    );
  }
  const expressions = new Map<string, Json>();
  configurationExpressions(asObject(plan.configuration).root_module, '', expressions);
  const configOf = (address: string) => expressions.get(address) ?? expressions.get(address.replace(/\[[^\]]*\]$/, '')) ?? {};

  const changes = new Map<string, Json>();
  for (const c of asArray(plan.resource_changes)) {
    const change = asObject(c);
    if (typeof change.address === 'string') changes.set(change.address, change);
  }
  const planned: PlannedResource[] = [];
  plannedResources(asObject(plan.planned_values).root_module, planned);
  const seen = new Set(planned.map((p) => p.address));
  // Resources the plan deletes are in resource_changes only.
  for (const [address, change] of changes) {
    if (seen.has(address) || typeof change.type !== 'string') continue;
    planned.push({
      address,
      mode: change.mode === 'data' ? 'data' : 'managed',
      type: change.type,
      name: typeof change.name === 'string' ? change.name : address,
      values: asObject(asObject(change.change).before),
    });
  }
  const resources = planned.map((p): ModelResource => {
    const change = changes.get(p.address);
    const detail = asObject(change?.change);
    const actions = asArray(detail.actions).filter((a): a is ChangeAction => ACTIONS.has(a as ChangeAction));
    return {
      address: p.address,
      mode: p.mode,
      type: p.type,
      name: p.name,
      values: p.values,
      expressions: configOf(p.address),
      actions: actions.length > 0 ? actions : ['no-op'],
      before: isObject(detail.before) ? detail.before : undefined,
      actionReason: typeof change?.action_reason === 'string' ? change.action_reason : undefined,
      replacePaths: Array.isArray(detail.replace_paths) ? detail.replace_paths : undefined,
    };
  });
  return makeModel('plan', resources, {});
}

/** True when the JSON is a plan (`terraform show -json`), false when it looks like a synthesized stack. */
export function isPlanJson(json: unknown): boolean {
  return (
    isObject(json) && ('planned_values' in json || 'resource_changes' in json || ('format_version' in json && 'configuration' in json))
  );
}

/** Builds the model of either a plan JSON or a synthesized stack, whichever it is. */
export function buildModel(json: unknown): TfModel {
  return isPlanJson(json) ? modelFromPlan(json) : modelFromSynth(json);
}
