import { isWholeInternet, parseCidr } from '../config/cidr';
import { block, blocks, referencesIn, soleReference } from './expressions';
import { ModelResource, TfModel } from './types';

export type IngressSource =
  /** A CIDR, written on the rule or expanded from a prefix list (`prefixList`). */
  | { readonly kind: 'cidr'; readonly cidr: string; readonly description?: string; readonly prefixList?: string }
  /** Another security group (or the group itself, `self`). */
  | { readonly kind: 'security-group'; readonly securityGroup: string }
  /** A source whose value is unknown before apply or not in this configuration (an existing prefix list). */
  | { readonly kind: 'unresolved'; readonly what: string };

/** One way in: a rule of a security group, its ports and protocol, and who may use it. */
export interface IngressPath {
  /** Address of the resource that opens it (the group itself for an inline `ingress` block). */
  readonly rule: string;
  /** The group: its address in this configuration (`aws_security_group.x`) or its id (`sg-...`); `?` when unknown. */
  readonly securityGroup: string;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the protocol number as written. */
  readonly protocol: string;
  /** First and last port (0–65535 for `all`; ICMP type and code for ICMP). */
  readonly fromPort: number;
  readonly toPort: number;
  readonly description?: string;
  readonly sources: readonly IngressSource[];
}

const PROTOCOLS: Record<string, string> = {
  '-1': 'all',
  all: 'all',
  6: 'tcp',
  tcp: 'tcp',
  17: 'udp',
  udp: 'udp',
  1: 'icmp',
  icmp: 'icmp',
  58: 'icmpv6',
  icmpv6: 'icmpv6',
};

function protocolOf(value: unknown): string {
  const text = String(value ?? 'all').toLowerCase();
  return PROTOCOLS[text] ?? text;
}

const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** True when a source is the whole internet (0.0.0.0/0 or ::/0). */
export function isPublicSource(source: IngressSource): boolean {
  if (source.kind !== 'cidr') return false;
  const parsed = parseCidr(source.cidr);
  return parsed !== undefined && isWholeInternet(parsed);
}

/** True when a path carries TCP (`tcp` or every protocol). */
export function carriesTcp(path: IngressPath): boolean {
  return path.protocol === 'tcp' || path.protocol === 'all';
}

/** True when the path's ports include `port` (TCP only). */
export function opensTcpPort(path: IngressPath, port: number): boolean {
  return carriesTcp(path) && path.fromPort <= port && port <= path.toPort;
}

/** `21`, `40000-40099`, or `all`. */
export function portText(path: Pick<IngressPath, 'protocol' | 'fromPort' | 'toPort'>): string {
  if (path.protocol === 'all' || (path.fromPort <= 0 && path.toPort >= 65535)) return 'all';
  return path.fromPort === path.toPort ? String(path.fromPort) : `${path.fromPort}-${path.toPort}`;
}

/** Maps a security-group or prefix-list id or reference to the address of the resource in this configuration. */
function resolver(model: TfModel, type: string): (raw: unknown, value: unknown) => string | undefined {
  const byId = new Map<string, string>();
  for (const r of model.ofType(type)) {
    if (typeof r.values.id === 'string') byId.set(r.values.id, r.address);
  }
  return (raw, value) => {
    const ref = soleReference(raw);
    if (ref && ref.address.startsWith(`${type}.`)) return ref.address;
    if (typeof value === 'string') return byId.get(value) ?? value;
    if (typeof raw === 'string' && !raw.includes('${')) return byId.get(raw) ?? raw;
    return undefined;
  };
}

/** The CIDRs of a prefix list of this configuration, with their descriptions. */
function prefixListEntries(model: TfModel, address: string): Array<{ cidr: string; description?: string }> | undefined {
  const list = model.get(address);
  if (!list) return undefined;
  const entries = blocks(list.values.entry)
    .filter((e) => typeof e.cidr === 'string')
    .map((e) => ({ cidr: e.cidr as string, description: typeof e.description === 'string' ? e.description : undefined }));
  for (const extra of model.ofType('aws_ec2_managed_prefix_list_entry')) {
    const ref = soleReference(extra.expressions.prefix_list_id);
    if ((ref?.address === address || extra.values.prefix_list_id === list.values.id) && typeof extra.values.cidr === 'string') {
      entries.push({
        cidr: extra.values.cidr,
        description: typeof extra.values.description === 'string' ? extra.values.description : undefined,
      });
    }
  }
  return entries;
}

interface RuleSources {
  readonly cidrs: Array<{ raw: unknown; value: unknown; description?: string }>;
  readonly prefixLists: Array<{ raw: unknown; value: unknown }>;
  readonly groups: Array<{ raw: unknown; value: unknown }>;
}

/** Pairs the written and the known form of a list attribute, element by element. */
function listItems(
  values: Record<string, unknown>,
  expressions: Record<string, unknown>,
  key: string,
): Array<{ raw: unknown; value: unknown }> {
  const raw = expressions[key];
  const known = values[key];
  if (Array.isArray(raw)) return raw.map((r, i) => ({ raw: r, value: Array.isArray(known) ? known[i] : undefined }));
  if (Array.isArray(known)) return known.map((v) => ({ raw: v, value: v }));
  // A whole list written as one reference (`${var.cidrs}`).
  return typeof raw === 'string' ? [{ raw, value: undefined }] : [];
}

function resolveSources(model: TfModel, src: RuleSources, self?: string): IngressSource[] {
  const sources: IngressSource[] = [];
  const prefixList = resolver(model, 'aws_ec2_managed_prefix_list');
  const group = resolver(model, 'aws_security_group');
  for (const c of src.cidrs) {
    if (typeof c.value === 'string') sources.push({ kind: 'cidr', cidr: c.value, description: c.description });
    else if (c.raw !== undefined && c.raw !== null) sources.push({ kind: 'unresolved', what: String(c.raw) });
  }
  for (const p of src.prefixLists) {
    const address = prefixList(p.raw, p.value);
    const entries = address ? prefixListEntries(model, address) : undefined;
    if (entries && entries.length > 0)
      sources.push(...entries.map((e) => ({ kind: 'cidr' as const, cidr: e.cidr, description: e.description, prefixList: address })));
    else sources.push({ kind: 'unresolved', what: `prefix list ${address ?? String(p.raw)}` });
  }
  for (const g of src.groups) {
    const address = group(g.raw, g.value);
    sources.push(
      address ? { kind: 'security-group', securityGroup: address } : { kind: 'unresolved', what: `security group ${String(g.raw)}` },
    );
  }
  if (self) sources.push({ kind: 'security-group', securityGroup: self });
  return sources;
}

function portsOf(protocol: string, from: unknown, to: unknown): { fromPort: number; toPort: number } {
  const f = asNumber(from);
  const t = asNumber(to);
  // `-1` (all) ignores ports; unknown ports are treated as every port, the cautious reading.
  if (protocol === 'all' || f === undefined || t === undefined || (f <= 0 && t <= 0 && protocol !== 'icmp' && protocol !== 'icmpv6'))
    return { fromPort: 0, toPort: 65535 };
  return { fromPort: f, toPort: t };
}

/**
 * Every ingress path of every security group, whatever form the rule takes: the standalone
 * aws_vpc_security_group_ingress_rule, inline `ingress` blocks, and aws_security_group_rule.
 * Prefix lists of this configuration are expanded into their CIDRs.
 */
export function ingressPaths(model: TfModel): IngressPath[] {
  const group = resolver(model, 'aws_security_group');
  const paths: IngressPath[] = [];
  for (const r of model.ofType('aws_vpc_security_group_ingress_rule')) {
    const { values: v, expressions: e } = r;
    const protocol = protocolOf(v.ip_protocol ?? e.ip_protocol);
    paths.push({
      rule: r.address,
      securityGroup: group(e.security_group_id, v.security_group_id) ?? '?',
      protocol,
      ...portsOf(protocol, v.from_port, v.to_port),
      description: typeof v.description === 'string' ? v.description : undefined,
      sources: resolveSources(model, {
        cidrs: [
          ...(e.cidr_ipv4 !== undefined || v.cidr_ipv4 !== undefined ? [{ raw: e.cidr_ipv4, value: v.cidr_ipv4 }] : []),
          ...(e.cidr_ipv6 !== undefined || v.cidr_ipv6 !== undefined ? [{ raw: e.cidr_ipv6, value: v.cidr_ipv6 }] : []),
        ].filter((c) => c.raw !== null || c.value !== null),
        prefixLists:
          e.prefix_list_id !== undefined && e.prefix_list_id !== null ? [{ raw: e.prefix_list_id, value: v.prefix_list_id }] : [],
        groups:
          e.referenced_security_group_id !== undefined && e.referenced_security_group_id !== null
            ? [{ raw: e.referenced_security_group_id, value: v.referenced_security_group_id }]
            : [],
      }),
    });
  }
  const legacySources = (values: Record<string, unknown>, expressions: Record<string, unknown>, groupKey: string) =>
    resolveSources(
      model,
      {
        cidrs: [...listItems(values, expressions, 'cidr_blocks'), ...listItems(values, expressions, 'ipv6_cidr_blocks')],
        prefixLists: listItems(values, expressions, 'prefix_list_ids'),
        groups: [
          ...listItems(values, expressions, 'security_groups'),
          ...(expressions.source_security_group_id !== undefined && expressions.source_security_group_id !== null
            ? [{ raw: expressions.source_security_group_id, value: values.source_security_group_id }]
            : []),
        ],
      },
      (values.self ?? expressions.self) === true ? groupKey : undefined,
    );
  for (const sg of model.ofType('aws_security_group')) {
    const written = blocks(sg.expressions.ingress);
    const known = blocks(sg.values.ingress);
    const count = Math.max(written.length, known.length);
    for (let i = 0; i < count; i++) {
      const v = known[i] ?? {};
      const e = written[i] ?? v;
      const protocol = protocolOf(v.protocol ?? e.protocol);
      paths.push({
        rule: sg.address,
        securityGroup: sg.address,
        protocol,
        ...portsOf(protocol, v.from_port ?? e.from_port, v.to_port ?? e.to_port),
        description: typeof v.description === 'string' ? v.description : undefined,
        sources: legacySources(v, e, sg.address),
      });
    }
  }
  for (const r of model.ofType('aws_security_group_rule')) {
    const { values: v, expressions: e } = r;
    if ((v.type ?? e.type) !== 'ingress') continue;
    const key = group(e.security_group_id, v.security_group_id) ?? '?';
    const protocol = protocolOf(v.protocol ?? e.protocol);
    paths.push({
      rule: r.address,
      securityGroup: key,
      protocol,
      ...portsOf(protocol, v.from_port, v.to_port),
      description: typeof v.description === 'string' ? v.description : undefined,
      sources: legacySources(v, e, key),
    });
  }
  return paths;
}

/** The security groups an instance is in: its own lists, else its launch template's. */
export function instanceSecurityGroups(model: TfModel, instance: ModelResource): string[] {
  const group = resolver(model, 'aws_security_group');
  const keys = new Set<string>();
  const collect = (values: Record<string, unknown>, expressions: Record<string, unknown>, key: string) => {
    for (const item of listItems(values, expressions, key)) {
      const resolved = group(item.raw, item.value);
      if (resolved) keys.add(resolved);
      else for (const ref of referencesIn(item.raw)) if (ref.address.startsWith('aws_security_group.')) keys.add(ref.address);
    }
  };
  collect(instance.values, instance.expressions, 'vpc_security_group_ids');
  collect(instance.values, instance.expressions, 'security_groups');
  for (const nic of blocks(instance.expressions.network_interface)) {
    const eni = soleReference(nic.network_interface_id);
    const resource = eni ? model.get(eni.address) : undefined;
    if (resource) collect(resource.values, resource.expressions, 'security_groups');
  }
  if (keys.size === 0) {
    const ref = soleReference(block(instance.expressions.launch_template).id);
    const template = ref ? model.get(ref.address) : undefined;
    if (template) {
      collect(template.values, template.expressions, 'vpc_security_group_ids');
      blocks(template.expressions.network_interfaces).forEach((nic, i) =>
        collect(blocks(template.values.network_interfaces)[i] ?? {}, nic, 'security_groups'),
      );
    }
  }
  return [...keys];
}

/** The sources of a path that are networks (CIDRs, or unknown), not other security groups. */
export function networkSources(path: IngressPath): IngressSource[] {
  return path.sources.filter((s) => s.kind !== 'security-group');
}

/** A source as text: `198.51.100.0/24`, `sg aws_security_group.x`, or what could not be resolved. */
export function sourceText(source: IngressSource): string {
  if (source.kind === 'cidr') return source.cidr;
  if (source.kind === 'security-group') return `security group ${source.securityGroup}`;
  return `${source.what} (unknown until apply)`;
}

/** Joins port ranges that touch or overlap; sorted. */
export function mergeRanges(ranges: ReadonlyArray<{ from: number; to: number }>): Array<{ from: number; to: number }> {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; to: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}
