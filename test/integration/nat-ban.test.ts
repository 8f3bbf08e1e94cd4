/*
 * fail2ban against the real server through the NAT test bed: `ban.maxRetry` wrong passwords from one
 * allowed client get it dropped on the control port and the whole passive range, while the other
 * allowed client still logs in and transfers; the ban lifts after `ban.banTimeSeconds`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_METRICS } from '../../lib/render/log-metrics';
import { matchesFilterPattern } from '../support/cloudwatch-filter';
import { RawFtp } from '../support/ftp-raw';
import { TestBed, TESTBED_ADDRESSES } from '../testbed/netns';
import { connectOutcome as connectTo, failLogins, natConfig, NatServer, startNatServer, Teardown, waitForBan } from './nat';

jest.setTimeout(120000);

const BAN = { maxRetry: 3, findTimeSeconds: 120, banTimeSeconds: 10 };
// Two wrong passwords per connection, 1 s apart: the third one comes on a second connection.
// 50 passive ports carry 16 sessions (3 ports each): the most maxClients may be.
const CONFIG = natConfig({ ban: BAN, limits: { maxClients: 16, maxPerIp: 3, maxLoginFails: 2, failedLoginDelaySeconds: 1 } });

const GIVEN =
  `GIVEN ftp-kit preview with fail2ban (maxRetry ${BAN.maxRetry}, banTime ${BAN.banTimeSeconds} s) ` +
  'behind a 1:1 NAT, two allowed clients';

describe(GIVEN, () => {
  const teardown = new Teardown();
  let bed: TestBed;
  let server: NatServer;
  const attacker = TESTBED_ADDRESSES.allowedClient;
  const connectOutcome = (client: TestBed['allowedClient'], port: number) => connectTo(bed, client, bed.publicAddress, port);
  const tlsSession = async (client: TestBed['allowedClient']) => {
    const ftp = await RawFtp.open(bed.connectFrom(client), bed.publicAddress, server.port);
    teardown.add(() => ftp.close());
    expect(await ftp.authTls({ ca: server.preview.certificate, host: bed.publicAddress })).toMatchObject({ code: 234 });
    return ftp;
  };

  beforeAll(async () => {
    try {
      bed = TestBed.create();
      teardown.add(() => bed.destroy());
      server = await startNatServer(bed, teardown, CONFIG, bed.publicAddress);
    } catch (err) {
      await teardown.run();
      throw err;
    }
  });
  afterAll(() => teardown.run());

  test(
    `WHEN one client fails ${BAN.maxRetry} logins THEN it gets nothing on the control port and the passive range, ` +
      `the other logs in and transfers, and the ban lifts after ${BAN.banTimeSeconds} s`,
    async () => {
      const { from, to } = server.passivePorts;
      // Before: a passive port with no transfer open answers with a reset, not silence.
      expect(await connectOutcome(bed.allowedClient, to)).toBe('ECONNREFUSED');

      const lastFailureSentAt = await failLogins(() => tlsSession(bed.allowedClient), BAN.maxRetry);
      expect(await server.preview.waitForOutput(`fail2ban: Ban ${attacker}`, 20000)).toBe(true);
      expect(await waitForBan(server, attacker, true)).toBe(true);

      expect(await connectOutcome(bed.allowedClient, server.port)).toBe('ETIMEDOUT');
      expect(await connectOutcome(bed.allowedClient, from)).toBe('ETIMEDOUT');
      expect(await connectOutcome(bed.allowedClient, to)).toBe('ETIMEDOUT');

      const other = await tlsSession(bed.secondAllowedClient);
      expect(await other.login('alice', server.preview.credentials.alice)).toEqual({ code: 230, text: '230 Login successful.' });
      await other.command('PBSZ 0');
      expect(await other.command('PROT P')).toMatchObject({ code: 200 });
      const payload = Buffer.from('not collateral\n');
      expect((await other.transfer('STOR files/ban-test.txt', { upload: payload })).final).toMatchObject({ code: 226 });
      const back = await other.transfer('RETR files/ban-test.txt');
      expect(back.final).toMatchObject({ code: 226 });
      expect(back.data).toEqual(payload);
      other.close();

      expect(await server.preview.waitForOutput(`fail2ban: Unban ${attacker}`, (BAN.banTimeSeconds + 20) * 1000)).toBe(true);
      expect(await waitForBan(server, attacker, false)).toBe(true);
      // The ban runs from the failure's log time (whole seconds, written after the PASS was sent): never lifted early.
      expect(Date.now() - lastFailureSentAt).toBeGreaterThanOrEqual((BAN.banTimeSeconds - 1) * 1000);
      const back2 = await RawFtp.open(bed.connectFrom(bed.allowedClient), bed.publicAddress, server.port);
      teardown.add(() => back2.close());
      expect(back2.greeting).toMatchObject({ code: 220 });
      expect(await connectOutcome(bed.allowedClient, to)).toBe('ECONNREFUSED');
    },
  );

  test("WHEN CloudWatch's metric filters read the vsftpd.log this server wrote THEN each counts exactly its events", async () => {
    // One session more than maxPerIp from the second client: the last one gets vsftpd's 421 (an earlier
    // one too if the previous test's session is still being torn down: the log must count each).
    const { maxPerIp } = CONFIG.limits as { maxPerIp: number };
    const sessions: RawFtp[] = [];
    for (let i = 0; i <= maxPerIp; i++) {
      sessions.push(await RawFtp.open(bed.connectFrom(bed.secondAllowedClient), bed.publicAddress, server.port));
    }
    for (const session of sessions) teardown.add(() => session.close());
    expect(sessions[maxPerIp].greeting).toEqual({ code: 421, text: '421 There are too many connections from your internet address.' });
    const refused = sessions.filter((session) => session.greeting.code === 421).length;

    const logFile = join(server.preview.dir, 'log', 'vsftpd.log');
    const readLines = () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    const countIn = (lines: string[], pattern: string) => lines.filter((line) => matchesFilterPattern(pattern, line)).length;
    // vsftpd writes the reply's log line around the time it sends it: wait (bounded) until all are there.
    const deadline = Date.now() + 10000;
    while (countIn(readLines(), LOG_METRICS.sessionLimit.pattern) < refused && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = readLines();
    const count = (pattern: string) => countIn(lines, pattern);
    expect(count(LOG_METRICS.sessionLimit.pattern)).toBe(refused);
    expect(count(LOG_METRICS.failedLogins.pattern)).toBe(BAN.maxRetry);
    expect(count(LOG_METRICS.logins.pattern)).toBe(1);
    expect(count(LOG_METRICS.uploads.pattern)).toBe(1);
    expect(count(LOG_METRICS.downloads.pattern)).toBe(1);
    expect(count(LOG_METRICS.dataConnectionFailed.pattern)).toBe(0);
    // The log holds the commands too, but never a password.
    expect(lines.some((line) => line.includes('"PASS <password>"'))).toBe(true);
    expect(lines.some((line) => line.includes('not-the-password') || line.includes(server.preview.credentials.alice))).toBe(false);
  });
});
