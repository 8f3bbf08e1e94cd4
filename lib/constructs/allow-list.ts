import { Construct } from 'constructs';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { parseCidr, withoutCoveredCidrs } from '../config/cidr';
import { ValidationError } from '../errors';
import { terraformLiteral } from './template-literal';

export interface AllowEntry {
  /** An IPv4 or IPv6 network, host bits clear (as `validateConfig` guarantees). */
  readonly cidr: string;
  /** Who this range belongs to. @default "ftp-kit allow <cidr>" */
  readonly description?: string;
}

export interface FtpAllowListProps {
  /** Prefix of the lists' names: `<name>-allow-ipv4`, `<name>-allow-ipv6`. */
  readonly name: string;
  /** The networks that may connect; at least one. */
  readonly allow: ReadonlyArray<AllowEntry>;
}

/**
 * The allowlist as AWS managed prefix lists: one per address family that `allow` uses.
 * A prefix list keeps the security group at one rule per port range and family, however many
 * partners there are, and shows each range with its owner in the console.
 *
 * Construct IDs: `Ipv4`, `Ipv6` (aws_ec2_managed_prefix_list).
 */
export class FtpAllowList extends Construct {
  /** The IPv4 list, when `allow` has an IPv4 CIDR. */
  public readonly ipv4PrefixListId?: string;
  /** The IPv6 list, when `allow` has an IPv6 CIDR. */
  public readonly ipv6PrefixListId?: string;
  /** Every list made, IPv4 first. */
  public readonly prefixListIds: readonly string[];

  constructor(scope: Construct, id: string, props: FtpAllowListProps) {
    super(scope, id);
    if (props.allow.length === 0)
      throw new ValidationError(`FtpAllowList ${this.node.path}: allow is empty — list at least one CIDR`, this);
    const byFamily: Record<4 | 6, AllowEntry[]> = { 4: [], 6: [] };
    // AWS refuses duplicate entries; a range inside another adds nothing: keep the outer one.
    for (const entry of withoutCoveredCidrs(props.allow, (e) => e.cidr)) {
      const parsed = parseCidr(entry.cidr);
      if (!parsed)
        throw new ValidationError(
          `FtpAllowList ${this.node.path}: allow ${JSON.stringify(entry.cidr)} — is not a CIDR — write e.g. "198.51.100.0/24"`,
          this,
        );
      byFamily[parsed.version].push(entry);
    }
    const make = (version: 4 | 6): string | undefined => {
      const entries = byFamily[version];
      if (entries.length === 0) return undefined;
      const list = new Ec2ManagedPrefixList(this, `Ipv${version}`, {
        name: `${props.name}-allow-ipv${version}`,
        addressFamily: version === 4 ? 'IPv4' : 'IPv6',
        // Each referencing rule counts max_entries against the security group's rule quota: keep it exact.
        maxEntries: entries.length,
        entry: entries.map((e) => ({ cidr: e.cidr, description: terraformLiteral(e.description ?? `ftp-kit allow ${e.cidr}`) })),
        tags: { Name: `${props.name}-allow-ipv${version}` },
      });
      return list.id;
    };
    this.ipv4PrefixListId = make(4);
    this.ipv6PrefixListId = make(6);
    this.prefixListIds = [this.ipv4PrefixListId, this.ipv6PrefixListId].filter((x): x is string => x !== undefined);
  }
}
