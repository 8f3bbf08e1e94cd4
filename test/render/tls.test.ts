import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import * as path from 'node:path';
import { parse } from 'yaml';
import { validateConfig } from '../../lib/config';
import { FtpKitConfigInput } from '../../lib/config/schema';
import {
  DEFAULT_LAYOUT,
  parseVsftpdConf,
  renderAcmeDnsHook,
  renderCertScript,
  renderCertUnits,
  renderOpensslConf,
  renderSystemdDropIn,
  renderUserData,
  renderVsftpdConf,
  USER_DATA_LIMIT_BYTES,
} from '../../lib/render';

const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ftp-cert-AbCdEf';
export const TLS_INPUTS: Record<string, FtpKitConfigInput['tls']> = {
  'self-signed': { mode: 'self-signed' },
  'lets-encrypt': { mode: 'lets-encrypt', domain: 'ftp.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', email: 'ops@example.com' },
  imported: { mode: 'imported', secretArn: ARN },
};
const configOf = (tls: FtpKitConfigInput['tls']) =>
  validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'alice', write: true }], tls });
const props = {
  publicAddress: '198.51.100.50',
  dataVolumeId: 'vol-0123456789abcdef0',
  secretArns: { alice: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf' },
};

function shellcheck(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-tls-'));
  try {
    writeFileSync(path.join(dir, 'script.sh'), text);
    const result = spawnSync('shellcheck', ['--severity=style', path.join(dir, 'script.sh')], { encoding: 'utf8' });
    return `${result.status} ${result.stdout}${result.stderr}`.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(Object.entries(TLS_INPUTS))('GIVEN tls mode %s', (mode, tls) => {
  const config = configOf(tls);
  const userData = renderUserData(config, props);
  const files = parse(userData).write_files as Array<{ path: string; content: string; permissions: string }>;
  const fileAt = (p: string) => files.find((f) => f.path === p)?.content ?? '';

  test('THEN the user-data passes cloud-init schema and fits 16 KB', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-tls-'));
    try {
      writeFileSync(path.join(dir, 'user-data'), userData);
      const result = spawnSync('cloud-init', ['schema', '-c', path.join(dir, 'user-data')], { encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`).toMatch(/Valid (schema|cloud-config)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(gzipSync(userData).length).toBeLessThan(USER_DATA_LIMIT_BYTES);
  });

  test('THEN the certificate script passes shellcheck and carries no Terraform syntax', () => {
    const script = fileAt('/usr/local/sbin/ftp-kit-cert');
    expect(script).toContain(`MODE='${mode}'`);
    expect(shellcheck(script)).toBe('0');
    expect(userData).not.toMatch(/\$\{|%\{|PRIVATE KEY-----\n/);
  });

  test('THEN the bootstrap installs lego only for lets-encrypt', () => {
    // The install command, its continuation lines included.
    const installs = /apt-get install -y -q (?:[^\n]*\\\n)*[^\n]*/.exec(fileAt('/usr/local/sbin/ftp-kit-bootstrap'))![0];
    expect(installs.split(/\s+/).includes('lego')).toBe(mode === 'lets-encrypt');
  });

  test('THEN a timer runs the certificate script and vsftpd reads its own OpenSSL config', () => {
    expect(fileAt('/etc/systemd/system/ftp-kit-cert.timer')).toMatch(/OnUnitActiveSec=12h/);
    expect(fileAt('/etc/systemd/system/ftp-kit-cert.service')).toContain('ExecStart=/usr/local/sbin/ftp-kit-cert');
    expect(fileAt('/etc/systemd/system/vsftpd.service.d/ftp-kit.conf')).toMatch(
      /Environment=OPENSSL_CONF=\/etc\/ftp-kit\/openssl.cnf\n[^]*KillMode=process\n/,
    );
    expect(fileAt('/etc/ftp-kit/openssl.cnf')).toContain('MaxProtocol = TLSv1.2\n');
  });
});

describe('renderCertScript', () => {
  test('GIVEN lets-encrypt THEN lego solves DNS-01 through Route 53 in exactly the configured zone', () => {
    const script = renderCertScript(configOf(TLS_INPUTS['lets-encrypt']), { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' });
    expect(script).toContain("export AWS_HOSTED_ZONE_ID='Z0123456789ABCDEFGHIJ'");
    expect(script).toContain("--dns 'route53'");
    expect(script).toContain("ACME_SERVER='https://acme-v02.api.letsencrypt.org/directory'");
    expect(script).toContain('systemctl try-restart vsftpd.service');
  });

  test("GIVEN the preview's lets-encrypt THEN only the DNS provider differs: an exec hook, and no AWS or systemd call", () => {
    const config = configOf(TLS_INPUTS['lets-encrypt']);
    const script = renderCertScript(config, {
      layout: DEFAULT_LAYOUT,
      publicAddress: '127.0.0.1',
      acmeServer: 'https://127.0.0.1:14000/dir',
      onEc2: false,
      acmeDns: { provider: 'exec', hookPath: '/tmp/x/hook', resolver: '127.0.0.1:8053' },
    });
    expect(script).toContain("export EXEC_PATH='/tmp/x/hook'");
    expect(script).not.toMatch(/aws |systemctl|AWS_HOSTED_ZONE_ID/);
    expect(shellcheck(script)).toBe('0');
    expect(shellcheck(renderAcmeDnsHook('http://127.0.0.1:8055'))).toBe('0');
  });

  test('GIVEN EC2 THEN each run publishes DaysToExpiry to CloudWatch, and self-signed its fingerprint to the SSM parameter', () => {
    const selfSigned = renderCertScript(configOf(undefined), { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' });
    expect(selfSigned).toContain("METRIC_NAMESPACE='FtpKit'");
    expect(selfSigned).toMatch(
      /aws cloudwatch put-metric-data --region "\$REGION" --namespace "\$METRIC_NAMESPACE" --metric-name DaysToExpiry/,
    );
    expect(selfSigned).toContain("FINGERPRINT_PARAMETER='/ftp-kit/ftp/certificate-sha256'");
    expect(selfSigned).toMatch(/aws ssm put-parameter --region "\$REGION" --name "\$FINGERPRINT_PARAMETER" --type String --overwrite/);
    const imported = renderCertScript(configOf(TLS_INPUTS.imported), { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' });
    expect(imported).toContain('put-metric-data');
    expect(imported).not.toContain('put-parameter');
  });

  test('GIVEN imported THEN the secret is read in its own region and never through an argument', () => {
    const script = renderCertScript(configOf(TLS_INPUTS.imported), { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' });
    expect(script).toContain(`SECRET_ARN='${ARN}'`);
    expect(script).toMatch(
      /get-secret-value --region "\$region" --secret-id "\$SECRET_ARN" \\\n\s+--query SecretString --output text >"\$work\/secret.pem"/,
    );
  });

  test('fails when a path would break out of the shell word', () => {
    expect(() =>
      renderCertScript(configOf(undefined), { layout: { ...DEFAULT_LAYOUT, etcDir: "/x'y" }, publicAddress: '1.2.3.4' }),
    ).toThrow(/unsafe in a shell script/);
  });
});

describe('renderCertUnits', () => {
  test('THEN the service and its timer pass systemd-analyze verify (the script itself stands in as /bin/true)', () => {
    const units = renderCertUnits(configOf(undefined), DEFAULT_LAYOUT);
    expect(units.service).toContain('ExecStart=/usr/local/sbin/ftp-kit-cert\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-units-'));
    try {
      writeFileSync(
        path.join(dir, 'ftp-kit-cert.service'),
        units.service.replace('ExecStart=/usr/local/sbin/ftp-kit-cert', 'ExecStart=/bin/true'),
      );
      writeFileSync(path.join(dir, 'ftp-kit-cert.timer'), units.timer);
      const result = spawnSync('systemd-analyze', ['verify', 'ftp-kit-cert.service', 'ftp-kit-cert.timer'], { cwd: dir, encoding: 'utf8' });
      expect(`${result.status} ${result.stdout}${result.stderr}`.trim()).toBe('0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TLS policy', () => {
  test.each([
    ['1.2', 'TLSv1.2'],
    ['1.3', 'TLSv1.3'],
  ] as const)('GIVEN maxVersion %s THEN the OpenSSL config caps at %s and keeps TLS 1.2 the minimum', (maxVersion, protocol) => {
    const text = renderOpensslConf(configOf({ maxVersion }));
    expect(text).toContain(`MaxProtocol = ${protocol}\n`);
    expect(text).toContain('MinProtocol = TLSv1.2\n');
  });

  test.each([
    ['required', 'YES'],
    ['optional', 'NO'],
  ] as const)('GIVEN sessionReuse %s THEN require_ssl_reuse=%s and pasv_promiscuous stays NO', (sessionReuse, value) => {
    const conf = parseVsftpdConf(renderVsftpdConf(configOf({ sessionReuse }), { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' }));
    expect(conf.require_ssl_reuse).toBe(value);
    expect(conf.pasv_promiscuous).toBe('NO');
  });

  test("THEN the drop-in points vsftpd at the layout's OpenSSL config", () => {
    expect(renderSystemdDropIn({ ...DEFAULT_LAYOUT, etcDir: '/opt/f' })).toContain('Environment=OPENSSL_CONF=/opt/f/openssl.cnf');
  });
});
