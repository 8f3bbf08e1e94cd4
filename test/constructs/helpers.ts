import { TerraformStack, Testing } from 'cdktf';
import { validateConfig } from '../../lib/config/load';
import { FtpKitConfig, FtpKitConfigInput } from '../../lib/config/schema';

/** The smallest valid config: every other field takes its default. */
export const DEFAULT_INPUT: FtpKitConfigInput = {
  allow: ['198.51.100.0/24'],
  users: [{ name: 'alice', write: true }],
};

/** DEFAULT_INPUT with alerts, a shorter log retention and backups (operations.test.ts and its terraform plan). */
export const WITH_EMAIL: FtpKitConfigInput = {
  ...DEFAULT_INPUT,
  alerts: { email: 'ops@example.com' },
  logs: { retentionDays: 30 },
  backup: { retainDays: 7 },
};

/** The acceptance config of issue 2: port 2121, passive 50000–50049, two IPv4 CIDRs, one IPv6 CIDR. */
export const CUSTOM_INPUT: FtpKitConfigInput = {
  name: 'partners',
  region: 'eu-central-1',
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50049 },
  allow: [
    { cidr: '198.51.100.0/24', description: 'partner A office' },
    '203.0.113.0/24',
    { cidr: '2001:db8::/32', description: 'partner B (IPv6)' },
  ],
  users: [
    { name: 'alice', write: true },
    { name: 'bob', write: false },
  ],
  instance: { type: 't3.small' },
  storage: { sizeGiB: 50 },
  tags: { team: 'ops' },
};

export const config = (input: FtpKitConfigInput): FtpKitConfig => validateConfig(input);

export type Block = Record<string, any>;
export interface Synth {
  readonly json: Block;
  /** name → body of every resource of a type. */
  resources(type: string): Record<string, Block>;
  /** The bodies of every resource of a type. */
  all(type: string): Block[];
}

function wrap(json: Block): Synth {
  const resources = (type: string): Record<string, Block> => json.resource?.[type] ?? {};
  return { json, resources, all: (type) => Object.values(resources(type)) };
}

/** Synthesizes what `build` adds to a fresh stack and parses the JSON. */
export function synth(build: (stack: TerraformStack) => void): Synth {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return wrap(JSON.parse(Testing.synth(stack)));
}

/** Parses an already-built stack. */
export function synthStack(stack: TerraformStack): Synth {
  return wrap(JSON.parse(Testing.synth(stack)));
}

/** `${aws_x.name.attr}` for a resource of the synthesized JSON. */
export const ref = (type: string, name: string, attr: string): string => `\${${type}.${name}.${attr}}`;

/** Resolves a `${aws_ec2_managed_prefix_list.X.id}` reference to the CIDRs of that list. */
export function prefixListCidrs(s: Synth, reference: string): string[] {
  const match = /^\$\{aws_ec2_managed_prefix_list\.([^.]+)\.id\}$/.exec(reference);
  if (!match) throw new Error(`not a prefix list reference: ${reference}`);
  const list = s.resources('aws_ec2_managed_prefix_list')[match[1]];
  if (!list) throw new Error(`no prefix list ${match[1]}`);
  return list.entry.map((e: Block) => e.cidr);
}

/**
 * Every ingress path into the server as `proto cidr from-to`, whatever form a rule takes: the
 * standalone rule resources (sources resolved through prefix lists), inline blocks and legacy
 * aws_security_group_rule. A rule whose source this cannot resolve shows up as `? ...`.
 */
export function ingressPaths(s: Synth): string[] {
  const paths: string[] = [];
  for (const rule of s.all('aws_vpc_security_group_ingress_rule')) {
    const port = `${rule.from_port}-${rule.to_port}`;
    if (rule.prefix_list_id) {
      for (const cidr of prefixListCidrs(s, rule.prefix_list_id)) paths.push(`${rule.ip_protocol} ${cidr} ${port}`);
    }
    if (rule.cidr_ipv4) paths.push(`${rule.ip_protocol} ${rule.cidr_ipv4} ${port}`);
    if (rule.cidr_ipv6) paths.push(`${rule.ip_protocol} ${rule.cidr_ipv6} ${port}`);
    if (rule.referenced_security_group_id) paths.push(`? sg ${rule.referenced_security_group_id} ${port}`);
  }
  for (const group of s.all('aws_security_group')) {
    for (const block of group.ingress ?? []) paths.push(`? inline ${JSON.stringify(block)}`);
  }
  for (const rule of s.all('aws_security_group_rule')) paths.push(`? legacy ${JSON.stringify(rule)}`);
  return paths.sort();
}
