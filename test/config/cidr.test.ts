import { cidrContains, isWholeInternet, parseCidr, publicFamilies, withoutCoveredCidrs } from '../../lib/config/cidr';

describe('parseCidr', () => {
  test.each([
    ['198.51.100.0/24', 4, '198.51.100.0/24', false],
    ['10.0.0.1/8', 4, '10.0.0.0/8', true],
    ['203.0.113.7/32', 4, '203.0.113.7/32', false],
    ['0.0.0.0/0', 4, '0.0.0.0/0', false],
    ['2001:db8::/32', 6, '2001:db8::/32', false],
    ['2001:db8::1/32', 6, '2001:db8::/32', true],
    ['2001:db8:0:0:1::/64', 6, '2001:db8::/64', true],
    ['::/0', 6, '::/0', false],
  ])('GIVEN %s THEN it parses as IPv%d with network %s (host bits: %s)', (text, version, network, hostBits) => {
    const parsed = parseCidr(text)!;
    expect(parsed.version).toBe(version);
    expect(parsed.network).toBe(network);
    expect(parsed.hasHostBits).toBe(hostBits);
  });

  test.each(['198.51.100.0', '198.51.100.0/33', '300.1.1.1/8', 'nope', '2001:db8::/129', ' 198.51.100.0/24', 'fe80::1%eth0/64'])(
    'fails when the text is %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  test('GIVEN /0 ranges THEN they are the whole internet', () => {
    expect(isWholeInternet(parseCidr('0.0.0.0/0')!)).toBe(true);
    expect(isWholeInternet(parseCidr('::/0')!)).toBe(true);
    expect(isWholeInternet(parseCidr('198.51.100.0/24')!)).toBe(false);
  });
});

describe('cidrContains', () => {
  test('GIVEN a range THEN it contains its addresses and not others', () => {
    expect(cidrContains('198.51.100.0/24', '198.51.100.20')).toBe(true);
    expect(cidrContains('198.51.100.0/24', '198.51.101.20')).toBe(false);
    expect(cidrContains('2001:db8::/32', '2001:db8:1::5')).toBe(true);
    expect(cidrContains('2001:db8::/32', '198.51.100.20')).toBe(false);
  });
});

describe('withoutCoveredCidrs', () => {
  test('GIVEN duplicates, nested IPv4 and nested IPv6 ranges THEN only the outermost of each stays, in order', () => {
    expect(
      withoutCoveredCidrs(
        ['198.51.100.7/32', '198.51.100.0/24', '198.51.100.0/24', '2001:db8:1::/48', '2001:db8::/32', '2001:0db8::/32', '192.0.2.0/24'],
        (c) => c,
      ),
    ).toEqual(['198.51.100.0/24', '2001:db8::/32', '192.0.2.0/24']);
  });

  test('GIVEN adjacent ranges and different families THEN nothing is dropped', () => {
    const cidrs = ['192.0.2.0/25', '192.0.2.128/25', '::/0', '198.51.100.0/24'];
    expect(withoutCoveredCidrs(cidrs, (c) => c)).toEqual(cidrs);
  });
});

describe('publicFamilies', () => {
  test.each([
    [['0.0.0.0/1', '128.0.0.0/1'], [4]],
    [['::/1', '8000::/1'], [6]],
    [['10.0.0.0/9', '10.128.0.0/9'], [4]],
    [['10.0.0.0/8', '10.0.0.0/9'], [4]],
    [['2001:db8::/16'], [6]],
    [
      ['0.0.0.0/0', '::/0'],
      [4, 6],
    ],
  ])('GIVEN %j THEN the union counts as public in IPv%j', (cidrs, families) => {
    expect(publicFamilies(cidrs)).toEqual(families);
  });

  test.each([[['10.0.0.0/9', '10.0.0.0/9', '10.0.0.0/10']], [['2001:db8::/17', '2001:db8::/18']], [['198.51.100.0/24', '2001:db8::/32']]])(
    'GIVEN %j (duplicates and nesting do not add up) THEN not public',
    (cidrs) => {
      expect(publicFamilies(cidrs)).toEqual([]);
    },
  );
});
