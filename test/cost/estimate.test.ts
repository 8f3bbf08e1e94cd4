import { estimateMonthlyCost, formatCost, ROOT_VOLUME_GIB } from '../../lib/cost/estimate';
import { validateConfig } from '../../lib/config';

const prices = {
  date: '2026-11-01',
  currency: 'USD',
  hoursPerMonth: 730,
  instanceHourly: { 't4g.small': 0.0168 },
  gp3GiBMonth: 0.08,
  publicIpv4Hourly: 0.005,
  secretMonth: 0.4,
  kmsKeyMonth: 1,
  alarmMonth: 0.1,
};

describe('estimateMonthlyCost', () => {
  test('GIVEN the default config THEN instance, volumes, EIP, secrets, the KMS key and the alarms add up', () => {
    const config = validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'a1' }, { name: 'b1' }] });
    const estimate = estimateMonthlyCost(config, prices);
    const expected = 0.0168 * 730 + (20 + ROOT_VOLUME_GIB) * 0.08 + 0.005 * 730 + 2 * 0.4 + 1 + 4 * 0.1;
    expect(estimate.total).toBeCloseTo(expected, 6);
    expect(estimate.incomplete).toBe(false);
    expect(formatCost(estimate)).toContain(`$${expected.toFixed(2)}`);
  });

  test('GIVEN an instance type the table lacks THEN the total is a marked lower bound', () => {
    const config = validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'a1' }], instance: { type: 'z1d.large' } });
    const estimate = estimateMonthlyCost(config, prices);
    expect(estimate.incomplete).toBe(true);
    expect(formatCost(estimate)).toMatch(/total per month\s+≥ \$/);
  });

  test('GIVEN the shipped price table THEN it prices the default instance type and is dated', () => {
    const estimate = estimateMonthlyCost(validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'a1' }] }));
    expect(estimate.incomplete).toBe(false);
    expect(estimate.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
