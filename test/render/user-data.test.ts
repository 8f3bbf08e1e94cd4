import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { validateConfig } from '../../lib/config';
import { renderBootstrapScript, renderedWriteFiles, renderUserData, USER_DATA_LIMIT_BYTES } from '../../lib/render';

const secretArn = (user: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:ftp/${user}-AbCdEf`;

describe('renderUserData', () => {
  // GIVEN a config with two users WHEN rendered with concrete values
  const config = validateConfig({
    controlPort: 2121,
    passivePorts: { from: 50000, to: 50049 },
    allow: ['198.51.100.0/24', '2001:db8::/32'],
    users: [{ name: 'alice', write: true }, { name: 'bob' }],
  });
  const props = {
    publicAddress: '198.51.100.50',
    dataVolumeId: 'vol-0123456789abcdef0',
    secretArns: { alice: secretArn('alice'), bob: secretArn('bob') },
  };
  const userData = renderUserData(config, props);
  const script = renderBootstrapScript(config, props);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-ud-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN cloud-init accepts it (cloud-init schema -c)', () => {
    const file = path.join(dir, 'user-data');
    writeFileSync(file, userData);
    const result = spawnSync('cloud-init', ['schema', '-c', file], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toMatch(/Valid (schema|cloud-config)/);
    expect(result.status).toBe(0);
  });

  test('THEN the bootstrap script passes shellcheck', () => {
    const file = path.join(dir, 'bootstrap.sh');
    writeFileSync(file, script);
    execFileSync('shellcheck', ['--severity=style', file]);
  });

  test('THEN it writes every server file and runs the bootstrap once', () => {
    const doc = parse(userData);
    const paths = doc.write_files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/etc/ftp-kit/vsftpd.conf',
        '/etc/pam.d/ftp-kit',
        '/etc/ftp-kit/firewall.nft',
        '/etc/ftp-kit/users/alice',
        '/etc/ftp-kit/users/bob',
        '/etc/systemd/system/vsftpd.service.d/ftp-kit.conf',
        '/usr/local/sbin/ftp-kit-bootstrap',
      ]),
    );
    expect(doc.runcmd).toEqual([['/usr/local/sbin/ftp-kit-bootstrap']]);
    const conf = doc.write_files.find((f: { path: string }) => f.path === '/etc/ftp-kit/vsftpd.conf').content;
    expect(conf).toContain('pasv_address=198.51.100.50\n');
  });

  test("THEN gzipped, as FtpInstance sends it (base64gzip), it fits EC2's 16 KB limit even with 100 users", () => {
    const users = Array.from({ length: 100 }, (_, i) => ({ name: `partner${i}`, write: true }));
    const many = validateConfig({ allow: ['198.51.100.0/24'], users });
    const arns = Object.fromEntries(many.users.map((u) => [u.name, secretArn(u.name)]));
    const text = renderUserData(many, { ...props, secretArns: arns });
    expect(gzipSync(text).length).toBeLessThan(USER_DATA_LIMIT_BYTES);
  });

  test('THEN it carries no password, no private key, and no Terraform interpolation of its own', () => {
    expect(userData).not.toMatch(/PRIVATE KEY|\$6\$|\$y\$/);
    // Terraform would read ${…} and %{…} in user_data as its own template syntax.
    expect(userData).not.toMatch(/\$\{|%\{/);
  });

  test('THEN the script generates passwords on the instance and sends them only through pipes', () => {
    expect(script).toMatch(/openssl passwd -6 -stdin/);
    expect(script).toMatch(/--secret-string file:\/\/\/dev\/stdin/);
    expect(script).not.toMatch(/^\s*set -[a-z]*x/m);
    expect(script).toContain(`alice rw ${secretArn('alice')}`);
    expect(script).toContain(`bob ro ${secretArn('bob')}`);
  });

  test('THEN Terraform tokens pass through in one piece', () => {
    const token = '${TfToken[TOKEN.42]}';
    const text = renderUserData(config, { ...props, publicAddress: token });
    expect(text).toContain(`pasv_address=${token}`);
  });

  test('fails when a value would break out of a shell word', () => {
    expect(() => renderBootstrapScript(config, { ...props, dataVolumeId: "vol-1'; reboot; '" })).toThrow(/dataVolumeId/);
  });

  test('fails when a user has no secret', () => {
    expect(() => renderBootstrapScript(config, { ...props, secretArns: { alice: secretArn('alice') } })).toThrow(/bob/);
  });
});

describe('renderedWriteFiles', () => {
  const props = { publicAddress: '${TfToken[TOKEN.7]}', dataVolumeId: 'vol-1', secretArns: { 'ab-c': 'arn:x', d1: 'arn:y' } };
  test.each([
    ['the default config', { allow: ['198.51.100.0/24'], users: [{ name: 'ab-c', write: true }, { name: 'd1' }] }],
    [
      'lets-encrypt, and a banner and an allow description full of YAML syntax',
      {
        allow: [{ cidr: '2001:db8::/32', description: 'key: value # not a comment - [x] {y} \'q\' "dq" | > & * ! %' }],
        users: [{ name: 'ab-c' }, { name: 'd1', write: true }],
        banner: 'Files only: - [x] {y} \'q\' "dq" | > & * ! % @ ` #',
        tls: { mode: 'lets-encrypt', domain: 'files.example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ', email: 'o@example.org' },
      },
    ],
  ])('GIVEN %s THEN the YAML parses back to exactly the files it answers with', (_label, input) => {
    const text = renderUserData(validateConfig(input), props);
    const files = renderedWriteFiles(text);
    expect(files).toBeDefined();
    expect((parse(text) as { write_files: unknown }).write_files).toEqual(files);
  });

  test('fails when the text is not one renderUserData returned: nothing is answered, even for a changed copy', () => {
    const text = renderUserData(validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'ab-c' }, { name: 'd1' }] }), props);
    expect(renderedWriteFiles(`${text}\n`)).toBeUndefined();
    expect(renderedWriteFiles('#cloud-config\nwrite_files: []\n')).toBeUndefined();
  });
});
