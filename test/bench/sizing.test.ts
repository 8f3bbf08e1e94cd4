import { effectivePortsPerSession, INSTANCE_TYPES, roundDownNice, sizingTable } from '../../bench/sizing';

describe('roundDownNice', () => {
  test('GIVEN counts WHEN rounded THEN they go down to 50s above 100, 10s below, whole numbers below 10', () => {
    expect(roundDownNice(1119)).toBe(1100);
    expect(roundDownNice(159)).toBe(150);
    expect(roundDownNice(99)).toBe(90);
    expect(roundDownNice(7.9)).toBe(7);
    expect(roundDownNice(0)).toBe(1);
  });
});

describe('sizingTable', () => {
  test('GIVEN a measured ratio below the minimum WHEN sizing THEN the minimum of 3 ports per session is used', () => {
    expect(effectivePortsPerSession({ sessionMiB: 1, measuredPortsPerSession: 2.5 })).toBe(3);
    expect(effectivePortsPerSession({ sessionMiB: 1, measuredPortsPerSession: 3.5 })).toBe(3.5);
  });

  describe('GIVEN 1 MiB per session and 2 ports per session (minimum 2)', () => {
    const rows = sizingTable({ sessionMiB: 1, measuredPortsPerSession: 2, minPortsPerSession: 2 });
    const row = (type: string) => rows.find((r) => r.type === type)!;

    test('THEN every instance type has a row', () => {
      expect(rows.map((r) => r.type)).toEqual(INSTANCE_TYPES.map((t) => t.type));
    });

    test('THEN t4g.nano is bound by memory: (512 − 256) × 0.5 = 128 sessions → 100 clients, 200 ports', () => {
      expect(row('t4g.nano')).toMatchObject({ memoryBoundSessions: 128, maxClients: 100, passivePorts: 200, limitedBy: 'memory' });
    });

    test('THEN larger types are bound by the 1000-port range: 500 clients', () => {
      expect(row('t4g.large')).toMatchObject({ maxClients: 500, passivePorts: 1000, limitedBy: 'passive range' });
    });

    test('THEN no row opens more passive ports than the schema allows', () => {
      expect(Math.max(...rows.map((r) => r.passivePorts))).toBeLessThanOrEqual(1000);
    });
  });

  test('fails when the memory per session is not positive', () => {
    expect(() => sizingTable({ sessionMiB: 0, measuredPortsPerSession: 2 })).toThrow(/sessionMiB=0/);
  });

  test('fails when the ports per session is not positive', () => {
    expect(() => sizingTable({ sessionMiB: 1, measuredPortsPerSession: Number.NaN })).toThrow(/measuredPortsPerSession=NaN/);
  });
});
