import { ConfigError } from '../../lib/config/load';
import { reviewGate } from '../../lib/review/gate';
import { edited, serverJson, setVsftpd, SERVER_INPUT } from '../checks/helpers';

describe('reviewGate (the deploy gate)', () => {
  test('GIVEN a hardened stack THEN nothing blocks and the summary shows the exposure', () => {
    const verdict = reviewGate(serverJson(), {});
    expect(verdict.blocking).toEqual([]);
    expect(verdict.summary).toContain('from 198.51.100.0/24 (partner A), 2001:db8::/32');
  });

  test('fails the gate when a high finding is not acknowledged; an acknowledgement lets it through, still listed', () => {
    const anonymous = edited(serverJson(), (j) => setVsftpd(j, 'anonymous_enable', 'YES'));
    expect(reviewGate(anonymous, {}).blocking.map((f) => f.id)).toEqual(['FTPKIT-ANONYMOUS']);
    const accepted = reviewGate(anonymous, { acknowledge: [{ rule: 'FTPKIT-ANONYMOUS', reason: 'public mirror of open data' }] });
    expect(accepted.blocking).toEqual([]);
    expect(accepted.summary).toContain('FTPKIT-ANONYMOUS [high] terraform_data.');
    expect(accepted.summary).toContain('acknowledged: public mirror of open data');
  });

  test('GIVEN allowPublic THEN public exposure does not block at high, but does at low', () => {
    const open = serverJson({ ...SERVER_INPUT, allow: ['0.0.0.0/0'], allowPublic: true });
    expect(reviewGate(open, { allowPublic: true }).blocking).toEqual([]);
    expect(reviewGate(open, { allowPublic: true }, { failOn: 'low' }).blocking.map((f) => f.id)).toEqual([
      'FTPKIT-PUBLIC-INGRESS',
      'FTPKIT-PUBLIC-INGRESS',
    ]);
    expect(reviewGate(open, {}).blocking).toHaveLength(2);
  });

  test('fails when an acknowledgement names no rule', () => {
    expect(() => reviewGate(serverJson(), { acknowledge: [{ rule: 'FTPKIT-TYPO', reason: 'a typo in the config' }] })).toThrow(ConfigError);
  });
});
