import { DEFAULT_LAYOUT, resolveLayout } from '../../lib/render';

describe('resolveLayout', () => {
  test('THEN defaults fill what is not given', () => {
    expect(resolveLayout({ etcDir: '/tmp/p/etc' })).toEqual({ ...DEFAULT_LAYOUT, etcDir: '/tmp/p/etc' });
  });
  test('fails when a path could break a config line or a shell word', () => {
    expect(() => resolveLayout({ dataDir: '/srv/ftp kit' })).toThrow(/dataDir/);
    expect(() => resolveLayout({ etcDir: "/etc/x'; rm -rf /" })).toThrow(/etcDir/);
    expect(() => resolveLayout({ nftTable: 'a-b' })).toThrow(/nftTable/);
  });
});
