import { acknowledgementsOf, ALLOW_PUBLIC_REASON } from '../../lib/checks/acknowledge';
import { ConfigError } from '../../lib/config/load';

describe('acknowledgementsOf', () => {
  test('GIVEN allowPublic THEN it stands for an acknowledgement of FTPKIT-PUBLIC-INGRESS', () => {
    expect(acknowledgementsOf({ allowPublic: true, acknowledge: [] })).toEqual([
      { rule: 'FTPKIT-PUBLIC-INGRESS', reason: ALLOW_PUBLIC_REASON },
    ]);
    expect(acknowledgementsOf({ allowPublic: false, acknowledge: [] })).toEqual([]);
  });

  test('GIVEN an explicit acknowledgement of public exposure besides allowPublic THEN its reason wins', () => {
    expect(
      acknowledgementsOf({ allowPublic: true, acknowledge: [{ rule: 'FTPKIT-PUBLIC-INGRESS', reason: 'anonymous partners worldwide' }] }),
    ).toEqual([{ rule: 'FTPKIT-PUBLIC-INGRESS', reason: 'anonymous partners worldwide' }]);
  });

  test('fails when an acknowledgement names no rule: every such entry, with the field and the ids to use', () => {
    let error: unknown;
    try {
      acknowledgementsOf({
        acknowledge: [
          { rule: 'FTPKIT-SSL-REUSE', reason: 'legacy client' },
          { rule: 'FTPKIT-SSH', reason: 'typo' },
          { rule: 'FTPKIT-NOPE', reason: 'typo' },
        ],
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => [p.field, p.value])).toEqual([
      ['acknowledge[1].rule', 'FTPKIT-SSH'],
      ['acknowledge[2].rule', 'FTPKIT-NOPE'],
    ]);
    expect((error as ConfigError).message).toContain(
      'acknowledge[1].rule: "FTPKIT-SSH" — is not a rule id — use one of: FTPKIT-PASSIVE-RANGE-DRIFT, ',
    );
  });
});
