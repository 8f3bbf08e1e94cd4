import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateConfig } from '../../lib/config';
import { DEFAULT_LAYOUT, renderFirewall } from '../../lib/render';
import { TRICKY_CONFIGS } from '../support/tricky-configs';

describe('renderFirewall', () => {
  // GIVEN IPv4 and IPv6 sources WHEN rendered
  const config = validateConfig({
    controlPort: 2121,
    passivePorts: { from: 50000, to: 50049 },
    allow: ['198.51.100.0/24', '192.0.2.0/24', '2001:db8::/32'],
    users: [{ name: 'alice' }],
  });
  const script = renderFirewall(config, DEFAULT_LAYOUT);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-nft-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN it matches only the control port and the passive range', () => {
    const portSets = script.match(/tcp dport \{ [^}]+ \}/g)!;
    expect(new Set(portSets)).toEqual(new Set(['tcp dport { 2121, 50000-50049 }']));
  });

  test('THEN the sets hold exactly the allowlist', () => {
    expect(script).toContain('elements = { 198.51.100.0/24, 192.0.2.0/24 }');
    expect(script).toContain('elements = { 2001:db8::/32 }');
  });

  test('THEN loopback is always let in and everything else on those ports dropped', () => {
    expect(script).toMatch(/iif "lo" accept[\s\S]*counter drop/);
  });

  test('THEN nft accepts the script (check mode)', () => {
    const file = path.join(dir, 'fw.nft');
    writeFileSync(file, script);
    execFileSync('nft', ['-c', '-f', file]);
  });

  test('THEN an IPv4-only allowlist still gives nft a valid (empty) IPv6 set', () => {
    const file = path.join(dir, 'fw4.nft');
    writeFileSync(file, renderFirewall(validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'a1' }] }), DEFAULT_LAYOUT));
    execFileSync('nft', ['-c', '-f', file]);
  });

  test.each(Object.entries(TRICKY_CONFIGS))(
    'GIVEN the tricky accepted config "%s" THEN nft loads its firewall (check mode)',
    (name, input) => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.nft`);
      writeFileSync(file, renderFirewall(validateConfig(input), DEFAULT_LAYOUT));
      execFileSync('nft', ['-c', '-f', file], { stdio: 'pipe' });
    },
  );

  test('GIVEN a host inside its network, a duplicate and nested IPv6 THEN each set holds only the outer ranges', () => {
    const text = renderFirewall(
      validateConfig({
        allow: ['198.51.100.7/32', '198.51.100.0/24', '198.51.100.0/24', '2001:db8:1::/48', '2001:db8::/32'],
        users: [{ name: 'a1' }],
      }),
      DEFAULT_LAYOUT,
    );
    expect(text).toContain('elements = { 198.51.100.0/24 }');
    expect(text).toContain('elements = { 2001:db8::/32 }');
  });
});
