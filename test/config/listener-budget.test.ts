import { validateConfig } from '../../lib/config/load';
import { NLB_MAX_LISTENERS } from '../../lib/config/schema';

const base = { allow: ['198.51.100.0/24'], users: [{ name: 'alice' }], controlPort: 2121 };
const errorOf = (input: object): string => {
  try {
    validateConfig(input);
  } catch (err) {
    return (err as Error).message;
  }
  return '';
};

describe('listener budget of target "ecs"', () => {
  test('GIVEN target ecs and 49 passive ports (50 listeners with the control port) THEN the config is valid', () => {
    expect(validateConfig({ ...base, target: 'ecs', passivePorts: { from: 50000, to: 50048 } }).target).toBe('ecs');
  });

  test('GIVEN target ecs and 50 passive ports THEN it fails naming passivePorts, the limit and a range that fits', () => {
    const message = errorOf({ ...base, target: 'ecs', passivePorts: { from: 50000, to: 50049 } });
    expect(message).toContain('passivePorts');
    expect(message).toContain(`at most ${NLB_MAX_LISTENERS}`);
    expect(message).toContain('{ "from": 50000, "to": 50048 }');
  });

  test('GIVEN target ecs, a too large range and another mistake THEN both are reported at once', () => {
    const message = errorOf({ ...base, target: 'ecs', passivePorts: { from: 50000, to: 50099 }, users: [{ name: 'Root' }] });
    expect(message).toContain('passivePorts');
    expect(message).toContain('users[0].name');
  });

  test('GIVEN target ec2 and 100 passive ports THEN no listener budget applies', () => {
    expect(validateConfig({ ...base, passivePorts: { from: 50000, to: 50099 } }).passivePorts).toEqual({ from: 50000, to: 50099 });
  });
});
