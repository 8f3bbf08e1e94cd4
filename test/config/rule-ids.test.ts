import { KNOWN_RULE_IDS } from '../../lib/config/rule-ids';
import { RULES } from '../../lib/checks';

describe('KNOWN_RULE_IDS', () => {
  test('GIVEN the policy rules WHEN compared THEN the config knows exactly their ids', () => {
    expect([...KNOWN_RULE_IDS]).toEqual(RULES.map((r) => r.id));
  });
});
