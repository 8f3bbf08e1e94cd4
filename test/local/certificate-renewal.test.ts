/*
 * Renewal never drops a session, in each tls mode, with real clients: a session logged in before the
 * renewal keeps uploading (and opens new TLS data connections) on the old certificate while a session
 * opened after it gets the new one. lets-encrypt runs the rendered ftp-kit-cert script with Debian's
 * lego against a local pebble, the DNS-01 record set in pebble-challtestsrv.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { validateConfig } from '../../lib/config';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { LocalPreview, startPreview } from '../../lib/local/preview';
import { directConnect, RawFtp } from '../support/ftp-raw';
import { freeControlPort, passiveRange } from './helpers';
import { makeSelfSigned } from '../../lib/local/self-signed';

jest.setTimeout(90000);

const DOMAIN = 'ftp.partner-drop.example.com';
const CHUNK = 64 * 1024;
const CHUNKS = 24;

async function previewWith(
  tls: FtpKitConfigInput['tls'],
  slot: number,
  dir: string,
  importedFiles?: { certFile: string; keyFile: string },
): Promise<LocalPreview> {
  const config = validateConfig({
    name: 'cert-test',
    controlPort: await freeControlPort(),
    passivePorts: passiveRange(slot),
    allow: ['198.51.100.0/24'],
    users: [{ name: 'alice', write: true }],
    tls,
  });
  return startPreview({ config, dir, importedFiles });
}

/** A logged-in TLS session that trusts `ca` and checks the certificate names `host`. */
async function session(preview: LocalPreview, ca: string, host?: string): Promise<RawFtp> {
  const ftp = await RawFtp.open(directConnect, preview.address, preview.port);
  await ftp.authTls({ ca, host });
  const reply = await ftp.login('alice', preview.credentials.alice);
  if (reply.code !== 230) throw new Error(`login: ${reply.text}`);
  await ftp.command('PBSZ 0');
  await ftp.command('PROT P');
  return ftp;
}

const fingerprintOf = (ftp: RawFtp) => ftp.tlsSocket!.getPeerCertificate().fingerprint256;
const fingerprintOfPem = (pem: string) => new X509Certificate(pem).fingerprint256;

/** CHUNKS × 64 KiB, one chunk every 50 ms; `midway` runs once half of it is sent. */
function slowUpload(payload: Buffer, midway: () => Promise<void>): { stream: Readable; midwayDone: Promise<void> } {
  let resolveMidway: () => void = () => undefined;
  const midwayDone = new Promise<void>((resolve) => {
    resolveMidway = resolve;
  });
  async function* chunks() {
    for (let i = 0; i < CHUNKS; i++) {
      if (i === CHUNKS / 2) {
        await midway();
        resolveMidway();
      }
      yield payload.subarray(i * CHUNK, (i + 1) * CHUNK);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { stream: Readable.from(chunks()), midwayDone };
}

/**
 * The proof: an old session uploads while the certificate is renewed; a new session gets the new
 * certificate; the old one finishes, lists over a new TLS data connection, and the file is whole.
 */
async function expectRenewalKeepsSessions(
  preview: LocalPreview,
  renew: () => Promise<boolean>,
  ca: () => string,
  host?: string,
): Promise<void> {
  const before = fingerprintOfPem(preview.certificate.pem);
  const old = await session(preview, ca(), host);
  expect(fingerprintOf(old)).toBe(before);
  const payload = Buffer.alloc(CHUNK * CHUNKS);
  for (let i = 0; i < payload.length; i += 4) payload.writeUInt32LE((i * 2654435761) >>> 0, i);
  let fresh: RawFtp | undefined;
  let changed = false;
  try {
    const upload = slowUpload(payload, async () => {
      changed = await renew();
      fresh = await session(preview, ca(), host);
    });
    const stored = await old.transfer('STOR files/in-flight.bin', { upload: upload.stream });
    expect(stored.final.code).toBe(226);
    await upload.midwayDone;
    expect(changed).toBe(true);
    const after = fingerprintOfPem(preview.certificate.pem);
    expect(after).not.toBe(before);
    expect(fingerprintOf(fresh!)).toBe(after);
    // The old session is still alive and opens a new TLS data connection on its old context.
    expect((await old.transfer('NLST files')).data.toString()).toContain('in-flight.bin');
    const downloaded = await fresh!.transfer('RETR files/in-flight.bin');
    expect(createHash('sha256').update(downloaded.data).digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
  } finally {
    old.close();
    fresh?.close();
  }
}

describe('GIVEN tls.mode lets-encrypt against a local pebble', () => {
  let dir: string;
  let preview: LocalPreview;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-le-'));
    preview = await previewWith(
      { mode: 'lets-encrypt', domain: DOMAIN, hostedZoneId: 'Z0123456789ABC', email: 'ops@example.com' },
      20,
      dir,
    );
  });
  afterAll(async () => {
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('WHEN started THEN lego obtained a certificate for the domain by DNS-01, verified against the ACME root', async () => {
    const cert = new X509Certificate(preview.certificate.pem);
    expect(cert.subjectAltName).toBe(`DNS:${DOMAIN}`);
    const ftp = await session(preview, preview.acmeRootPem!, DOMAIN);
    expect(fingerprintOf(ftp)).toBe(cert.fingerprint256);
    ftp.close();
  });

  test('WHEN nothing is due THEN a check renews nothing', async () => {
    expect(await preview.renewCertificate()).toBe(false);
  });

  test('WHEN renewed during an upload THEN the new session gets the new certificate and the old one finishes whole', async () => {
    await expectRenewalKeepsSessions(
      preview,
      () => preview.renewCertificate(100000),
      () => preview.acmeRootPem!,
      DOMAIN,
    );
  });
});

describe('GIVEN tls.mode imported from PEM files', () => {
  let dir: string;
  let preview: LocalPreview;
  const files = { certFile: '', keyFile: '' };
  const makePair = (cn: string) =>
    makeSelfSigned({ certFile: files.certFile, keyFile: files.keyFile, commonName: cn, altNames: ['IP:127.0.0.1'], days: 90 });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-imported-'));
    files.certFile = join(dir, 'partner.crt');
    files.keyFile = join(dir, 'partner.key');
    makePair('first');
    preview = await previewWith(
      { mode: 'imported', secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:c-AbCdEf' },
      21,
      dir,
      files,
    );
  });
  afterAll(async () => {
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('WHEN started THEN it serves the imported certificate', () => {
    expect(preview.certificate.pem).toBe(readFileSync(files.certFile, 'utf8'));
  });

  test('WHEN the files are rotated during an upload THEN the next check installs them without dropping the session', async () => {
    await expectRenewalKeepsSessions(
      preview,
      async () => {
        makePair('rotated');
        return preview.renewCertificate();
      },
      () => readFileSync(files.certFile, 'utf8'),
    );
  });

  test('fails when the rotated key does not match the certificate: the served pair stays', async () => {
    const served = preview.certificate.pem;
    const other = join(dir, 'other.key');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', other]);
    writeFileSync(files.keyFile, readFileSync(other));
    await expect(preview.renewCertificate()).rejects.toThrow(/do not match/);
    expect(preview.certificate.pem).toBe(served);
  });
});

describe('GIVEN tls.mode self-signed (issue 10: it is renewed before expiry)', () => {
  let dir: string;
  let preview: LocalPreview;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-self-'));
    preview = await previewWith(undefined, 22, dir);
  });
  afterAll(async () => {
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('WHEN it expires within the renewal window THEN a new one is served to new sessions and the old session finishes', async () => {
    await expectRenewalKeepsSessions(
      preview,
      () => preview.renewCertificate(100000),
      () => preview.certificate.pem,
    );
  });
});
