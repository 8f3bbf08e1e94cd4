/*
 * The first-boot script's check of the CloudWatch agent's signature, run for real with gpg: the
 * function is taken from the rendered script, the keys and packages are made here (no AWS needed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateConfig } from '../../lib/config';
import { CLOUDWATCH_AGENT_KEY_FINGERPRINT, renderBootstrapScript } from '../../lib/render';

const config = validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'alice' }] });
const script = renderBootstrapScript(config, {
  publicAddress: '198.51.100.50',
  dataVolumeId: 'vol-0123456789abcdef0',
  secretArns: { alice: 'arn:aws:secretsmanager:us-east-1:1:secret:a' },
});

describe("GIVEN the first-boot script's verify_agent_signature and two signing keys", () => {
  let root: string;
  let keyring: string;
  const fingerprint: Record<'aws' | 'other', string> = { aws: '', other: '' };
  const gpg = (...args: string[]) =>
    execFileSync('gpg', ['--homedir', keyring, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      encoding: 'utf8',
    });

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-agent-sig-'));
    keyring = path.join(root, 'keys');
    mkdirSync(keyring, { mode: 0o700 });
    for (const who of ['aws', 'other'] as const) {
      gpg('--quick-gen-key', `${who} <${who}@example.com>`, 'ed25519', 'sign', 'never');
      fingerprint[who] = /^fpr:+([0-9A-F]{40}):/m.exec(gpg('--with-colons', '--fingerprint', `${who}@example.com`))![1];
    }
    const fn = /^verify_agent_signature\(\) \{\n[\s\S]*?\n\}\n/m.exec(script)![0];
    const driver = `#!/bin/bash\nset -euo pipefail\nAGENT_KEY_FINGERPRINT=$1\n${fn}verify_agent_signature "$2"\n`;
    writeFileSync(path.join(root, 'verify.sh'), driver);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A download folder as the script makes it: the package, its signature by `signer`, the key file holding `published`. */
  const download = (name: string, signer: 'aws' | 'other', published: ReadonlyArray<'aws' | 'other'>, tamper = false) => {
    const dir = path.join(root, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'agent.deb'), 'not really a package\n');
    gpg('--local-user', fingerprint[signer], '--detach-sign', '--output', path.join(dir, 'agent.deb.sig'), path.join(dir, 'agent.deb'));
    writeFileSync(path.join(dir, 'key.gpg'), gpg('--armor', '--export', ...published.map((who) => fingerprint[who])));
    if (tamper) writeFileSync(path.join(dir, 'agent.deb'), 'a package someone changed\n');
    return dir;
  };
  const verify = (dir: string) => spawnSync('bash', [path.join(root, 'verify.sh'), fingerprint.aws, dir], { encoding: 'utf8' }).status;

  test("THEN the script pins AWS's published fingerprint", () => {
    expect(CLOUDWATCH_AGENT_KEY_FINGERPRINT).toBe('937616F3450B7D806CBD9725D58167303B789C72');
    expect(script).toContain(`AGENT_KEY_FINGERPRINT='${CLOUDWATCH_AGENT_KEY_FINGERPRINT}'`);
  });

  test('WHEN the package is signed by the pinned key THEN it is accepted', () => {
    expect(verify(download('good', 'aws', ['aws']))).toBe(0);
  });

  test('fails when the package was changed after signing', () => {
    expect(verify(download('tampered', 'aws', ['aws'], true))).not.toBe(0);
  });

  test("fails when the key file and the signature are someone else's, even if both are valid", () => {
    expect(verify(download('swapped', 'other', ['other']))).not.toBe(0);
    expect(verify(download('both-keys', 'other', ['aws', 'other']))).not.toBe(0);
  });

  test('fails when the signature is missing', () => {
    const dir = download('unsigned', 'aws', ['aws']);
    copyFileSync(path.join(dir, 'agent.deb'), path.join(dir, 'agent.deb.sig'));
    expect(verify(dir)).not.toBe(0);
  });
});
