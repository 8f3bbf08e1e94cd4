import { cidrContains, isWholeInternet, parseCidr } from '../../lib/config/cidr';

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
    'fails when the text is %j', (text) => {
      expect(parseCidr(text)).toBeUndefined();
    });

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
