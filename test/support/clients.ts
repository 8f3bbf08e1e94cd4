/*
 * Real FTP clients run inside a test bed namespace, configured strictly: they honour the address in the
 * 227 reply (curl 7.74+ and lftp ignore it by default, which hides a wrong pasv_address). Passwords
 * reach them through files (netrc, an lftp script; mode 0600), never through argv.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BedHost, ExecResult, TestBed } from '../testbed/netns';

export interface SessionProps {
  readonly bed: TestBed;
  readonly client: BedHost;
  /** The address and control port clients connect to. */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The server's certificate (PEM file) to verify against; undefined turns verification off. */
  readonly caFile?: string;
  /** Scratch folder for the files the client reads and writes. */
  readonly workDir: string;
  /** Remote name under files/. */
  readonly name: string;
  /** @default 256 KiB */
  readonly bytes?: number;
  /**
   * curl and lftp: the highest TLS version they may use (curl `--tls-max`, lftp's GnuTLS `ssl:priority`).
   * @default the client's own (TLS 1.3)
   */
  readonly tlsMax?: '1.2' | '1.3';
}

export interface SessionResult {
  readonly steps: Readonly<Record<'upload' | 'list' | 'download', ExecResult>>;
  readonly sentSha256: string;
  /** undefined when the download did not produce a file. */
  readonly receivedSha256?: string;
}

/** The result with the password masked: verbose client output echoes PASS, and test output must not carry it. */
function redact(result: ExecResult, password: string): ExecResult {
  const mask = (text: string) => text.split(password).join('<password>');
  return { ...result, stdout: mask(result.stdout), stderr: mask(result.stderr) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function payload(props: SessionProps): { file: string; sha: string } {
  const data = randomBytes(props.bytes ?? 256 * 1024);
  const file = join(props.workDir, `${props.name}.up`);
  writeFileSync(file, data);
  return { file, sha: sha256(data) };
}

function readSha(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * curl with --ssl-reqd --disable-epsv --no-ftp-skip-pasv-ip: uploads, lists, downloads
 * (verbose: the data connection's address is in stderr).
 */
export async function curlSession(props: SessionProps): Promise<SessionResult> {
  const { file, sha } = payload(props);
  const netrc = join(props.workDir, `${props.name}.netrc`);
  writeFileSync(netrc, `machine ${props.host} login ${props.user} password ${props.password}\n`, { mode: 0o600 });
  const down = join(props.workDir, `${props.name}.down`);
  const base = `ftp://${props.host}:${props.port}/files/`;
  const common = [
    '-sS',
    '-v',
    '--max-time',
    '20',
    '--ssl-reqd',
    '--disable-epsv',
    '--no-ftp-skip-pasv-ip',
    '--netrc-file',
    netrc,
    ...(props.tlsMax ? ['--tls-max', props.tlsMax] : []),
    ...(props.caFile ? ['--cacert', props.caFile] : ['--insecure']),
  ];
  const run = async (args: string[]) =>
    redact(await props.bed.exec(props.client, 'curl', [...common, ...args], { timeoutMs: 30000 }), props.password);
  const upload = await run(['-T', file, `${base}${props.name}`]);
  const list = await run([base]);
  const download = await run(['-o', down, `${base}${props.name}`]);
  return { steps: { upload, list, download }, sentSha256: sha, receivedSha256: readSha(down) };
}

/** lftp with ftp:fix-pasv-address no and ftp:prefer-epsv no, TLS forced for control and data; one script per step. */
export async function lftpSession(props: SessionProps): Promise<SessionResult> {
  const { file, sha } = payload(props);
  const down = join(props.workDir, `${props.name}.down`);
  const settings = [
    'set cmd:fail-exit yes',
    'set net:timeout 5',
    'set net:max-retries 1',
    'set net:reconnect-interval-base 1',
    'set ftp:ssl-force yes',
    'set ftp:ssl-protect-data yes',
    'set ftp:ssl-protect-list yes',
    'set ftp:fix-pasv-address no',
    'set ftp:prefer-epsv no',
    'set ftp:passive-mode yes',
    ...(props.caFile
      ? [`set ssl:ca-file ${props.caFile}`, 'set ssl:verify-certificate yes', 'set ssl:check-hostname yes']
      : ['set ssl:verify-certificate no']),
    ...(props.tlsMax === '1.2' ? ['set ssl:priority "NORMAL:-VERS-TLS1.3"'] : []),
    // Level 5 logs where each data connection goes ("Connecting data socket to (ADDR) port N").
    'debug 5',
    `open -u ${props.user},${props.password} ftp://${props.host}:${props.port}`,
  ];
  const run = async (step: string, command: string) => {
    const script = join(props.workDir, `${props.name}.${step}.lftp`);
    writeFileSync(script, `${[...settings, command].join('\n')}\n`, { mode: 0o600 });
    return redact(await props.bed.exec(props.client, 'lftp', ['-f', script], { timeoutMs: 60000 }), props.password);
  };
  const upload = await run('upload', `put ${file} -o files/${props.name}`);
  const list = await run('list', 'cls -l files');
  const download = await run('download', `get files/${props.name} -o ${down}`);
  return { steps: { upload, list, download }, sentSha256: sha, receivedSha256: readSha(down) };
}

export interface BasicFtpResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly sent?: string;
  readonly received?: string;
  readonly list?: string[];
  /** The h1,h2,h3,h4,p1,p2 of every 227 reply basic-ftp got. */
  readonly pasv: string[];
}

/** basic-ftp (PASV only, TLS, certificate pinned) in a node process inside the namespace. */
export async function basicFtpSession(props: SessionProps): Promise<BasicFtpResult> {
  const input = {
    host: props.host,
    port: props.port,
    user: props.user,
    password: props.password,
    ca: props.caFile ? readFileSync(props.caFile, 'utf8') : undefined,
    remote: `files/${props.name}`,
    bytes: props.bytes ?? 256 * 1024,
  };
  const result = await props.bed.exec(props.client, process.execPath, [join(__dirname, 'basic-ftp-session.js')], {
    input: JSON.stringify(input),
    timeoutMs: 60000,
  });
  try {
    return JSON.parse(result.stdout) as BasicFtpResult;
  } catch {
    return { ok: false, error: `exit ${result.code}: ${result.stderr || result.stdout}`, pasv: [] };
  }
}
