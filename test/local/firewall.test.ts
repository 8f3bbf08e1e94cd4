import { validateConfig } from '../../lib/config';
import { deleteNftTable, loadNftScript, nftTableExists } from '../../lib/local/firewall';
import { renderFirewall, resolveLayout } from '../../lib/render';

describe('the nftables table of a preview', () => {
  const table = `ftp_kit_test_${process.pid}`;
  afterAll(() => deleteNftTable(table));

  test(
    'GIVEN the rendered firewall WHEN loaded THEN its table exists; ' + 'WHEN deleted THEN it is gone, and deleting again is harmless',
    () => {
      const config = validateConfig({
        controlPort: 2121,
        passivePorts: { from: 50000, to: 50009 },
        allow: ['198.51.100.0/24'],
        users: [{ name: 'alice' }],
      });
      expect(nftTableExists(table)).toBe(false);
      loadNftScript(renderFirewall(config, resolveLayout({ nftTable: table })));
      expect(nftTableExists(table)).toBe(true);
      deleteNftTable(table);
      expect(nftTableExists(table)).toBe(false);
      expect(() => deleteNftTable(table)).not.toThrow();
    },
  );

  test('fails when nft refuses a script, quoting nft', () => {
    expect(() => loadNftScript('table inet x { chain y { nonsense } }')).toThrow(/^nft refused the rendered firewall: .*Error/s);
  });
});
