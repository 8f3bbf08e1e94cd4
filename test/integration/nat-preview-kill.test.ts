/*
 * Live through the test bed: a session logged in through the NAT before the preview is SIGKILLed
 * ends within 5 s. Its own file: it kills the preview that a file's tests would share.
 */
import { RawFtp } from '../support/ftp-raw';
import { natConfig, NatServer, startNatBed, Teardown } from './nat';

jest.setTimeout(120000);

describe('GIVEN ftp-kit preview behind a 1:1 NAT and a user logged in through it', () => {
  const teardown = new Teardown();
  let server: NatServer;
  beforeAll(async () => {
    server = await startNatBed(teardown, natConfig({ name: 'nat-kill' }));
  });
  afterAll(() => teardown.run());

  test('WHEN the preview is SIGKILLed THEN the session is disconnected within 5 s', async () => {
    const { bed } = server;
    const ftp = await RawFtp.open(bed.connectFrom(bed.allowedClient), bed.publicAddress, server.port);
    teardown.add(() => ftp.close());
    await ftp.authTls({ ca: server.preview.certificate, host: bed.publicAddress });
    expect(await ftp.login('alice', server.preview.credentials.alice)).toMatchObject({ code: 230 });
    expect(await ftp.command('NOOP')).toMatchObject({ code: 200 });
    server.preview.child.kill('SIGKILL');
    expect(await ftp.closedWithin(5000)).toBe(true);
  });
});
