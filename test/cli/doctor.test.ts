import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DoctorUsageError, doctorProps } from '../../lib/cli/doctor';

describe('doctorProps', () => {
  let dir: string;
  let ca: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-doctor-cli-'));
    ca = path.join(dir, 'cert.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN only a host THEN port 21, a 10 s bound and no login', () => {
    expect(doctorProps('203.0.113.10', {})).toMatchObject({
      host: '203.0.113.10',
      port: 21,
      timeoutSeconds: 10,
      user: undefined,
      password: undefined,
      insecure: false,
    });
  });

  test('GIVEN --user and --password-env THEN the password comes from the environment', () => {
    const props = doctorProps(
      '203.0.113.10',
      { port: '2121', user: 'alice', passwordEnv: 'FTP_PW', expectPassive: '50000-50049', ca },
      { FTP_PW: 's3cret-from-env' },
    );
    expect(props).toMatchObject({
      port: 2121,
      user: 'alice',
      password: 's3cret-from-env',
      expectPassive: { from: 50000, to: 50049 },
      ca: '-----BEGIN CERTIFICATE-----\n',
    });
  });

  test('GIVEN --config THEN its controlPort and passivePorts stand in for --port and --expect-passive; flags still win', () => {
    const config = path.join(dir, 'ftp-kit.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        controlPort: 2121,
        passivePorts: { from: 50000, to: 50049 },
        allow: ['198.51.100.0/24'],
        users: [{ name: 'alice' }],
      }),
    );
    expect(doctorProps('203.0.113.10', { config })).toMatchObject({ port: 2121, expectPassive: { from: 50000, to: 50049 } });
    expect(doctorProps('203.0.113.10', { config, port: '21', expectPassive: '40000-40009' })).toMatchObject({
      port: 21,
      expectPassive: { from: 40000, to: 40009 },
    });
  });

  test.each<[string, Parameters<typeof doctorProps>[1], NodeJS.ProcessEnv, RegExp]>([
    ['--user has no --password-env', { user: 'alice' }, {}, /--user: needs --password-env/],
    ['the password variable is unset', { user: 'alice', passwordEnv: 'NOPE' }, {}, /--password-env: NOPE — is not set/],
    ['--password-env has no --user', { passwordEnv: 'FTP_PW' }, { FTP_PW: 'x' }, /needs --user/],
    ['--expect-passive is not a range', { expectPassive: '50000:50049' }, {}, /FROM-TO/],
    ['--expect-passive is reversed', { expectPassive: '50049-50000' }, {}, /FROM-TO/],
    ['--port is not a port', { port: '70000' }, {}, /--port: "70000"/],
    ['--timeout is not a number', { timeout: 'soon' }, {}, /--timeout/],
    ['--ca does not exist', { ca: '/nonexistent/cert.pem' }, {}, /--ca: .* does not exist/],
    ['--ca and --insecure are both given', { ca: '/x', insecure: true }, {}, /give one of them/],
    ['the password has a line break', { user: 'alice', passwordEnv: 'P' }, { P: 'a\r\nDELE x' }, /line break/],
  ])('fails when %s', (_label, opts, env, message) => {
    expect(() => doctorProps('203.0.113.10', opts, env)).toThrow(DoctorUsageError);
    expect(() => doctorProps('203.0.113.10', opts, env)).toThrow(message);
  });
});
