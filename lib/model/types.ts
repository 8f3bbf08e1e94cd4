/**
 * A read-only view of one Terraform configuration, the same whether it was built from a synthesized
 * cdk.tf.json or from a plan (`terraform show -json`). Rules read nothing else.
 *
 * - `values` holds what is known before apply: literal values in a synthesized stack; the planned
 *   values in a plan. Anything that depends on an unknown ("known after apply") is absent.
 * - `expressions` holds the configuration as written, where a string may hold Terraform references
 *   (`${aws_eip.ip.public_ip}`), so rules can follow references even where values are unknown.
 * - Nested blocks come as arrays of objects, as in the plan (cdktf writes single blocks as objects).
 */
export interface TfModel {
  /** What the model was built from. */
  readonly source: 'synth' | 'plan';
  /** Every resource and data source, in a stable order (by address). */
  readonly resources: readonly ModelResource[];
  /** Local values (a synthesized stack only: a plan does not show them). */
  readonly locals: Readonly<Record<string, unknown>>;
  /** The resource at an address (`aws_eip.ip`, `data.aws_ami.x`, `module.m.aws_eip.ip`). */
  get(address: string): ModelResource | undefined;
  /** The managed resources of one type. */
  ofType(type: string): readonly ModelResource[];
}

export type ChangeAction = 'create' | 'read' | 'update' | 'delete' | 'no-op';

export interface ModelResource {
  /** Terraform address: `<type>.<name>` (data sources `data.<type>.<name>`, modules prefixed). */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Construct path (cdktf metadata), when the stack was synthesized by cdktf. */
  readonly path?: string;
  /** Known values after the change (see TfModel). For a resource the plan deletes: its values before. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The configuration as written; strings may hold `${...}` references. Empty for a deleted resource. */
  readonly expressions: Readonly<Record<string, unknown>>;
  /** The planned actions (`["delete", "create"]` is a replacement); `["create"]` in a synthesized stack. */
  readonly actions: readonly ChangeAction[];
  /** Values before the change (plans only; undefined for a new resource). */
  readonly before?: Readonly<Record<string, unknown>>;
  /** Terraform's reason for a replacement or deletion (`replace_because_cannot_update`, ...), when a plan gives one. */
  readonly actionReason?: string;
  /** The attributes whose change forces replacement (plans only). */
  readonly replacePaths?: readonly unknown[];
}

/** One reference in an expression: `aws_eip.ip.public_ip` → { address: 'aws_eip.ip', attribute: 'public_ip' }. */
export interface Reference {
  readonly address: string;
  readonly attribute?: string;
}
