import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateConfig } from '../../lib/config';
import {
  DEFAULT_LAYOUT,
  FAIL2BAN_NAMES,
  renderSystemdDropIn,
  renderCloudWatchAgentConfig,
  renderFail2ban,
  renderFail2banLogTarget,
  renderFail2banServerConf,
  renderLogrotate,
  renderLogrotateTimerDropIn,
  renderUpdates,
  renderVsftpdConf,
  shippedLogFiles,
} from '../../lib/render';

const config = validateConfig({
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50049 },
  allow: ['198.51.100.0/24'],
  users: [{ name: 'alice' }],
  ban: { maxRetry: 4, findTimeSeconds: 300, banTimeSeconds: 900, ignoreCidrs: ['192.0.2.0/24'] },
  updates: { rebootWindow: 'Sat 04:30' },
});

describe('GIVEN the operations files of a config', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-ops-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('fail2ban', () => {
    const files = renderFail2ban(config, DEFAULT_LAYOUT, { disableSshd: true });

    test('THEN the jail takes its thresholds from `ban` and never bans loopback or the admin ranges', () => {
      expect(files.jail).toMatch(/^maxretry = 4$/m);
      expect(files.jail).toMatch(/^findtime = 300$/m);
      expect(files.jail).toMatch(/^bantime = 900$/m);
      expect(files.jail).toMatch(/^ignoreip = 127\.0\.0\.0\/8 ::1\/128 192\.0\.2\.0\/24$/m);
      expect(files.jail).toMatch(/^logpath = \/var\/log\/ftp-kit\/vsftpd\.log$/m);
      expect(files.jail).toMatch(/^\[sshd\]\nenabled = false$/m);
    });

    test('THEN the ban table drops the control port and the whole passive range, and nft accepts it (nft -c)', () => {
      expect(files.banTable).toContain('tcp dport { 2121, 50000-50049 } ip saddr @ban4 drop');
      expect(files.banTable).toContain('tcp dport { 2121, 50000-50049 } ip6 saddr @ban6 drop');
      execFileSync('nft', ['-c', '-f', '-'], { input: files.banTable });
    });

    test('THEN fail2ban 1.0.2 accepts the jail, filter and action (fail2ban-client -t)', () => {
      const conf = path.join(dir, 'fail2ban');
      for (const sub of ['filter.d', 'action.d']) mkdirSync(path.join(conf, sub), { recursive: true });
      const logFile = path.join(dir, 'vsftpd.log');
      writeFileSync(logFile, '');
      writeFileSync(
        path.join(conf, 'fail2ban.conf'),
        renderFail2banServerConf({
          logFile: path.join(dir, 'f2b.log'),
          socket: path.join(dir, 'f2b.sock'),
          pidFile: path.join(dir, 'f2b.pid'),
          dbFile: ':memory:',
        }),
      );
      writeFileSync(path.join(conf, 'jail.conf'), renderFail2ban(config, { ...DEFAULT_LAYOUT, logDir: dir }).jail);
      writeFileSync(path.join(conf, 'filter.d', `${FAIL2BAN_NAMES.filter}.conf`), files.filter);
      writeFileSync(path.join(conf, 'action.d', `${FAIL2BAN_NAMES.action}.conf`), files.action);
      const result = spawnSync('fail2ban-client', ['-c', conf, '-t'], { encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`).toMatch(/OK: configuration test is successful/);
    });

    test("THEN the filter matches vsftpd's FAIL LOGIN line and not a successful login (fail2ban-regex)", () => {
      const filterFile = path.join(dir, 'filter.conf');
      writeFileSync(filterFile, files.filter);
      const lines = path.join(dir, 'lines.log');
      writeFileSync(
        lines,
        [
          'Tue Dec  1 21:18:36 2026 [pid 4242] [alice] FAIL LOGIN: Client "198.51.100.10"',
          'Tue Dec  1 21:18:40 2026 [pid 4243] [alice] OK LOGIN: Client "198.51.100.11"',
          'Tue Dec  1 21:18:44 2026 [pid 4244] [bob] FAIL LOGIN: Client "2001:db8::7"',
        ].join('\n') + '\n',
      );
      const out = execFileSync('fail2ban-regex', ['--print-all-matched', lines, filterFile], { encoding: 'utf8' });
      expect(out).toMatch(/Lines: 3 lines, 0 ignored, 2 matched, 1 missed/);
      expect(out).toContain('198.51.100.10');
      const matched = /Matched line\(s\):([\s\S]*?)Missed line/.exec(out)![1];
      expect(matched).not.toContain('OK LOGIN');
    });

    test('THEN fail2ban logs beside vsftpd', () => {
      expect(renderFail2banLogTarget(DEFAULT_LAYOUT)).toMatch(/^logtarget = \/var\/log\/ftp-kit\/fail2ban\.log$/m);
    });
  });

  describe('logs', () => {
    test('THEN logrotate accepts the rules (logrotate -d) and caps every log the server writes by size', () => {
      const text = renderLogrotate(config, DEFAULT_LAYOUT, { cloudInit: true });
      const file = path.join(dir, 'logrotate.conf');
      writeFileSync(file, text);
      const result = spawnSync('logrotate', ['-d', '-s', path.join(dir, 'logrotate.state'), file], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stderr).not.toMatch(/error/i);
      const logs = [
        '/var/log/ftp-kit/vsftpd.log',
        '/var/log/ftp-kit/xferlog',
        '/var/log/ftp-kit/fail2ban.log',
        '/var/log/cloud-init-output.log',
      ];
      for (const log of logs) {
        expect(text).toContain(log);
      }
      expect(text.match(/^\tmaxsize 50M$/gm)).toHaveLength(3);
    });

    test('WHEN vsftpd.log passes the size cap THEN logrotate rotates it (copytruncate) and leaves the small logs alone', () => {
      const logDir = path.join(dir, 'rotate-logs');
      mkdirSync(logDir);
      writeFileSync(path.join(logDir, 'vsftpd.log'), Buffer.alloc(51 * 1024 * 1024, 'x'));
      writeFileSync(path.join(logDir, 'xferlog'), 'one line\n');
      const file = path.join(dir, 'logrotate-cap.conf');
      writeFileSync(file, renderLogrotate(config, { ...DEFAULT_LAYOUT, logDir }), { mode: 0o644 });
      execFileSync('logrotate', ['-s', path.join(dir, 'logrotate-cap.state'), file]);
      expect(statSync(path.join(logDir, 'vsftpd.log')).size).toBe(0);
      expect(statSync(path.join(logDir, 'vsftpd.log.1')).size).toBe(51 * 1024 * 1024);
      expect(existsSync(path.join(logDir, 'xferlog.1'))).toBe(false);
    });

    test("THEN the agent config is JSON naming exactly the files the server writes, into the stack's log group", () => {
      const agent = JSON.parse(renderCloudWatchAgentConfig(config, DEFAULT_LAYOUT));
      const collected = agent.logs.logs_collected.files.collect_list;
      const conf = renderVsftpdConf(config, { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' });
      const vsftpdLog = /^vsftpd_log_file=(.+)$/m.exec(conf)![1];
      const xferlog = /^xferlog_file=(.+)$/m.exec(conf)![1];
      const fail2banLog = /^logtarget = (.+)$/m.exec(renderFail2banLogTarget(DEFAULT_LAYOUT))![1];
      expect(collected.map((c: { file_path: string }) => c.file_path)).toEqual([
        vsftpdLog,
        xferlog,
        fail2banLog,
        '/var/log/cloud-init-output.log',
      ]);
      expect(shippedLogFiles(DEFAULT_LAYOUT)).toHaveLength(4);
      expect(new Set(collected.map((c: { log_group_name: string }) => c.log_group_name))).toEqual(new Set(['/ftp-kit/ftp']));
      expect(agent.metrics.metrics_collected.disk.resources).toEqual(['/srv/ftp-kit']);
      expect(agent.agent.omit_hostname).toBe(true);
    });
  });

  describe('updates', () => {
    const files = renderUpdates(config);

    test('THEN the reboot timer and service pass systemd-analyze verify, and the timer fires in the window', () => {
      const units = path.join(dir, 'units');
      mkdirSync(units, { recursive: true });
      writeFileSync(path.join(units, 'ftp-kit-reboot.service'), files.rebootService);
      writeFileSync(path.join(units, 'ftp-kit-reboot.timer'), files.rebootTimer);
      execFileSync('systemd-analyze', ['verify', path.join(units, 'ftp-kit-reboot.timer'), path.join(units, 'ftp-kit-reboot.service')]);
      expect(files.rebootTimer).toMatch(/^OnCalendar=Sat \*-\*-\* 04:30:00 UTC$/m);
      expect(files.rebootService).toMatch(/^ConditionPathExists=\/run\/reboot-required$/m);
    });

    test('THEN logrotate.timer with the hourly drop-in passes systemd-analyze verify', () => {
      const units = path.join(dir, 'logrotate-units');
      mkdirSync(path.join(units, 'logrotate.timer.d'), { recursive: true });
      for (const unit of ['logrotate.timer', 'logrotate.service']) copyFileSync(`/lib/systemd/system/${unit}`, path.join(units, unit));
      writeFileSync(path.join(units, 'logrotate.timer.d', 'ftp-kit.conf'), renderLogrotateTimerDropIn());
      const result = spawnSync('systemd-analyze', ['verify', path.join(units, 'logrotate.timer')], {
        encoding: 'utf8',
        env: { ...process.env, SYSTEMD_UNIT_PATH: `${units}:` },
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    test("THEN vsftpd is restarted on failure, and its unit with ftp-kit's drop-in passes systemd-analyze verify", () => {
      const units = path.join(dir, 'vsftpd-units');
      mkdirSync(path.join(units, 'vsftpd.service.d'), { recursive: true });
      copyFileSync('/lib/systemd/system/vsftpd.service', path.join(units, 'vsftpd.service'));
      const dropIn = renderSystemdDropIn(DEFAULT_LAYOUT);
      writeFileSync(path.join(units, 'vsftpd.service.d', 'ftp-kit.conf'), dropIn);
      expect(dropIn).toMatch(/^Restart=on-failure$/m);
      const result = spawnSync('systemd-analyze', ['verify', path.join(units, 'vsftpd.service')], {
        encoding: 'utf8',
        env: { ...process.env, SYSTEMD_UNIT_PATH: `${units}:` },
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    test("THEN apt reads unattended-upgrades' settings: security only (Debian's own list cleared), no reboot of its own", () => {
      const file = path.join(dir, 'uu.conf');
      // What Debian's 50unattended-upgrades lists first, then ftp-kit's 52 file.
      const debian =
        'Unattended-Upgrade::Origins-Pattern { "origin=Debian,codename=bookworm,label=Debian"; ' +
        '"origin=Debian,codename=bookworm-security,label=Debian-Security"; };\n';
      writeFileSync(file, debian + files.unattendedUpgrades);
      const dump = execFileSync('apt-config', ['-c', file, 'dump'], { encoding: 'utf8' });
      expect(dump.split('\n').filter((line) => line.startsWith('Unattended-Upgrade::Origins-Pattern::'))).toEqual([
        'Unattended-Upgrade::Origins-Pattern:: "origin=Debian,label=Debian-Security";',
      ]);
      expect(dump).toContain('Unattended-Upgrade::Automatic-Reboot "false";');
      expect(dump).toContain('APT::Periodic::Unattended-Upgrade "1";');
    });

    test('THEN needrestart restarts services on its own (perl reads restart = a)', () => {
      const file = path.join(dir, 'needrestart.conf');
      writeFileSync(file, files.needrestart);
      const read = 'our %nrconf; do $ARGV[0]; die $@ if $@; print $nrconf{restart}';
      const out = execFileSync('perl', ['-e', read, file], { encoding: 'utf8' });
      expect(out).toBe('a');
    });
  });
});
