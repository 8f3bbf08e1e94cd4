import { FtpKitConfigInput } from '../../lib/config/schema';

const users = [{ name: 'alice', write: true }];

/**
 * Configs the validator accepts that once bricked a server or came close: overlapping and duplicate
 * allow CIDRs (nft refused the set), banners at the edge of what is allowed, small passive ranges.
 * Every one must render a firewall `nft -c -f` loads and a vsftpd.conf a real vsftpd starts with.
 */
export const TRICKY_CONFIGS: Record<string, FtpKitConfigInput> = {
  'IPv4 host inside its network': { allow: ['198.51.100.0/24', '198.51.100.7/32'], users },
  'IPv4 duplicate': { allow: ['198.51.100.0/24', { cidr: '198.51.100.0/24', description: 'again' }], users },
  'IPv4 network after its host': { allow: ['192.0.2.9/32', '192.0.2.0/24', '192.0.2.0/25'], users },
  'IPv4 adjacent halves': { allow: ['192.0.2.0/25', '192.0.2.128/25'], users },
  'IPv6 nested ranges': { allow: ['2001:db8::/32', '2001:db8:1::/48', '2001:db8:1:2::/64'], users },
  'IPv6 duplicate in two spellings': { allow: ['2001:db8::/32', '2001:0db8:0000::/32', '198.51.100.0/24'], users },
  'IPv6 host inside its network': { allow: ['2001:db8:a::/48', '2001:db8:a::1/128', '203.0.113.0/24', '203.0.113.0/24'], users },
  'banner of one visible character': { allow: ['198.51.100.0/24'], users, banner: ' . ' },
  'banner with $, %, quotes and backslashes': { allow: ['198.51.100.0/24'], users, banner: 'ACME ${drop} %{box} "q" \\ 100%' },
  'smallest passive range': { allow: ['198.51.100.0/24'], users, passivePorts: { from: 50000, to: 50002 } },
};
