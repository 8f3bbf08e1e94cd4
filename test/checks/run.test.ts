import { RULES } from '../../lib/checks';
import { acknowledgementsOf } from '../../lib/checks/acknowledge';
import { runRules } from '../../lib/checks/run';
import { buildModel } from '../../lib/model/build';
import { Block } from '../constructs/helpers';
import { edited, serverJson, setVsftpd, SERVER_INPUT } from './helpers';

describe('runRules', () => {
  let publicJson: Block;
  let weak: Block;
  beforeAll(() => {
    publicJson = serverJson({ ...SERVER_INPUT, allow: ['0.0.0.0/0'], allowPublic: true });
    weak = edited(serverJson(), (j) => { setVsftpd(j, 'require_ssl_reuse', 'NO'); setVsftpd(j, 'anonymous_enable', 'YES'); });
  });

  test('GIVEN findings of several levels THEN they come most severe first, with the rule\'s fix and refs', () => {
    const findings = runRules(buildModel(weak), RULES);
    expect(findings.map((f) => [f.id, f.level])).toEqual([['FTPKIT-ANONYMOUS', 'high'], ['FTPKIT-SSL-REUSE', 'medium']]);
    expect(findings[0].fix).toMatch(/anonymous_enable=NO/);
    expect(findings[0].path).toBeUndefined();
  });

  test('GIVEN an acknowledgement THEN the finding stays, marked, and no longer counts', () => {
    const [anon] = runRules(buildModel(weak), RULES, { acknowledgements: [{ rule: 'FTPKIT-ANONYMOUS', reason: 'public mirror of open data' }] });
    expect(anon).toMatchObject({ id: 'FTPKIT-ANONYMOUS', level: 'high', acknowledged: { reason: 'public mirror of open data', counts: false } });
  });

  test('GIVEN allowPublic THEN public exposure is acknowledged but kept at low, still counting', () => {
    const findings = runRules(buildModel(publicJson), RULES, { acknowledgements: acknowledgementsOf({ allowPublic: true }) });
    expect(findings.map((f) => [f.id, f.level, f.acknowledged?.counts])).toEqual([
      ['FTPKIT-PUBLIC-INGRESS', 'low', true], ['FTPKIT-PUBLIC-INGRESS', 'low', true],
    ]);
  });
});
