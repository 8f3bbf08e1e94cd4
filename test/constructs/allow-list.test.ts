import { FtpAllowList } from '../../lib/constructs/allow-list';
import { Synth, synth } from './helpers';
import { ValidationError } from '../../lib/errors';

describe('FtpAllowList', () => {
  describe('GIVEN two IPv4 CIDRs and one IPv6 CIDR', () => {
    let s: Synth;
    let list: FtpAllowList;
    beforeAll(() => {
      s = synth((stack) => {
        list = new FtpAllowList(stack, 'Allow', {
          name: 'partners',
          allow: [
            { cidr: '198.51.100.0/24', description: 'partner A' },
            { cidr: '203.0.113.0/24' },
            { cidr: '2001:db8::/32', description: 'partner B v6' },
          ],
        });
      });
    });

    test('THEN one IPv4 and one IPv6 managed prefix list exist, each sized to its entries', () => {
      const lists = s.all('aws_ec2_managed_prefix_list');
      expect(lists.map((l) => [l.name, l.address_family, l.max_entries]).sort()).toEqual([
        ['partners-allow-ipv4', 'IPv4', 2],
        ['partners-allow-ipv6', 'IPv6', 1],
      ]);
    });

    test('THEN every entry has a description, the given one or a generated one', () => {
      const entries = s.all('aws_ec2_managed_prefix_list').flatMap((l) => l.entry);
      expect(entries).toEqual(
        expect.arrayContaining([
          { cidr: '198.51.100.0/24', description: 'partner A' },
          { cidr: '203.0.113.0/24', description: 'ftp-kit allow 203.0.113.0/24' },
          { cidr: '2001:db8::/32', description: 'partner B v6' },
        ]),
      );
      expect(entries).toHaveLength(3);
    });

    test('THEN prefixListIds lists IPv4 first, then IPv6', () => {
      expect(list.prefixListIds).toEqual([list.ipv4PrefixListId, list.ipv6PrefixListId]);
      expect(list.ipv4PrefixListId).toBeDefined();
    });
  });

  describe('GIVEN only IPv4 CIDRs', () => {
    test('THEN only the IPv4 list is made', () => {
      let list!: FtpAllowList;
      const s = synth((stack) => {
        list = new FtpAllowList(stack, 'Allow', { name: 'ftp', allow: [{ cidr: '198.51.100.7/32' }] });
      });
      expect(s.all('aws_ec2_managed_prefix_list').map((l) => l.address_family)).toEqual(['IPv4']);
      expect(list.ipv6PrefixListId).toBeUndefined();
      expect(list.prefixListIds).toHaveLength(1);
    });
  });

  test('fails when allow is empty', () => {
    expect(() => synth((stack) => new FtpAllowList(stack, 'Allow', { name: 'ftp', allow: [] }))).toThrow(/allow is empty/);
  });

  test('fails when allow is empty: a ValidationError naming the construct path, which the CLI reports as a user error', () => {
    let error: unknown;
    try {
      synth((stack) => new FtpAllowList(stack, 'Allow', { name: 'ftp', allow: [] }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).constructPath).toMatch(/\/Allow$/);
  });

  test('fails when an entry is not a CIDR', () => {
    expect(() => synth((stack) => new FtpAllowList(stack, 'Allow', { name: 'ftp', allow: [{ cidr: 'partner-a' }] }))).toThrow(
      /"partner-a" — is not a CIDR/,
    );
  });

  describe('GIVEN duplicate and nested CIDRs (AWS refuses duplicate prefix-list entries)', () => {
    test('THEN each list holds only the outer ranges, sized to them, with their descriptions', () => {
      const s = synth(
        (stack) =>
          new FtpAllowList(stack, 'Allow', {
            name: 'dup',
            allow: [
              { cidr: '198.51.100.7/32', description: 'host' },
              { cidr: '198.51.100.0/24', description: 'office' },
              { cidr: '198.51.100.0/24', description: 'again' },
              { cidr: '2001:db8:1::/48' },
              { cidr: '2001:0db8::/32', description: 'v6' },
              { cidr: '2001:db8::/32' },
            ],
          }),
      );
      expect(
        s
          .all('aws_ec2_managed_prefix_list')
          .map((l) => [l.address_family, l.max_entries, l.entry])
          .sort(),
      ).toEqual([
        ['IPv4', 1, [{ cidr: '198.51.100.0/24', description: 'office' }]],
        ['IPv6', 1, [{ cidr: '2001:0db8::/32', description: 'v6' }]],
      ]);
    });
  });
});
