import { createHash, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import { Readable, Writable } from 'node:stream';
import * as tls from 'node:tls';
import { ConnectError, connectTcp, FtpControl, FtpReply, parseEpsv, parsePasv } from './control';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The checks, in the order they run: a partner's client goes through the same steps. */
export const CHECK_IDS = [
  'dns', 'tcp', 'banner', 'auth-tls', 'certificate', 'login', 'pasv-address', 'pasv-port',
  'data-connection', 'tls-reuse', 'round-trip',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** What was seen, in one line (a reply, an address, a cipher). */
  readonly detail: string;
  /** For a failure or a warning: what it means, in plain words. */
  readonly diagnosis?: string;
  /** For a failure or a warning: what to do. */
  readonly fix?: string;
  readonly durationMs: number;
}

export interface DoctorProps {
  /** Host name or address the partners use. */
  readonly host: string;
  /** Control port. @default 21 */
  readonly port?: number;
  /** User to log in as. Without it the doctor stops after the TLS checks. @default none */
  readonly user?: string;
  /** The user's password (the CLI reads it from an environment variable, never from argv). @default none */
  readonly password?: string;
  /** The passive range the security group opens: the server's ports must lie in it. @default not checked */
  readonly expectPassive?: { readonly from: number; readonly to: number };
  /**
   * PEM of the CA (or the self-signed certificate itself) to verify with. A certificate that does not
   * verify against it fails the check, and no password is sent.
   * @default the system's CAs, and a certificate that does not verify is only a warning
   */
  readonly ca?: string;
  /** Do not warn about a certificate that does not verify. @default false */
  readonly insecure?: boolean;
  /** Bound of each network step. @default 10 */
  readonly timeoutSeconds?: number;
  /** Called as each check ends, for live output. @default none */
  readonly onCheck?: (check: CheckResult) => void;
}

export interface DoctorReport {
  readonly host: string;
  readonly port: number;
  /** The address connected to. */
  readonly address?: string;
  readonly checks: readonly CheckResult[];
  /** SHA-256 fingerprint of the server's certificate, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly certificateFingerprint?: string;
  /** True when no check failed. */
  readonly ok: boolean;
}

/** Names a banner must not carry: they tell an attacker which exploits to try. */
const SOFTWARE_NAMES = /\b(vsftpd|vsFTPd|proftpd|pure-ftpd|filezilla|serv-u|wu-ftpd|microsoft ftp|glftpd|pyftpdlib)\b|\b\d+\.\d+\.\d+\b/i;

class Stop extends Error {}

/** Runs the checks in order; later checks are skipped (with the reason) once one makes them pointless. */
export async function runDoctor(props: DoctorProps): Promise<DoctorReport> {
  const port = props.port ?? 21;
  const timeoutMs = (props.timeoutSeconds ?? 10) * 1000;
  const checks: CheckResult[] = [];
  let address: string | undefined;
  let fingerprint: string | undefined;
  let control: FtpControl | undefined;

  const record = (result: CheckResult): CheckResult => {
    checks.push(result);
    props.onCheck?.(result);
    return result;
  };
  const check = async (id: CheckId, body: () => Promise<Omit<CheckResult, 'id' | 'durationMs'>>): Promise<CheckResult> => {
    const started = performance.now();
    let result: Omit<CheckResult, 'id' | 'durationMs'>;
    try {
      result = await body();
    } catch (err) {
      result = { status: 'fail', detail: (err as Error).message, diagnosis: 'an unexpected error ended this step', fix: 'run again with --timeout 30; if it persists, report it with the output of --json' };
    }
    return record({ id, durationMs: Math.round(performance.now() - started), ...result });
  };
  const skipRest = (reason: string) => {
    for (const id of CHECK_IDS) if (!checks.some((c) => c.id === id)) record({ id, status: 'skip', detail: reason, durationMs: 0 });
  };
  const mustPass = (result: CheckResult, reason: string) => {
    if (result.status === 'fail') {
      skipRest(reason);
      throw new Stop();
    }
  };

  try {
    mustPass(await check('dns', async () => {
      if (net.isIP(props.host)) {
        address = props.host;
        return { status: 'pass', detail: `${props.host} is an address: nothing to resolve` };
      }
      try {
        const all = await withTimeout(lookup(props.host, { all: true }), timeoutMs, `no DNS answer within ${timeoutMs} ms`);
        const v4 = all.find((a) => a.family === 4) ?? all[0];
        address = v4.address;
        return { status: 'pass', detail: `${props.host} → ${all.map((a) => a.address).join(', ')}` };
      } catch (err) {
        return { status: 'fail', detail: (err as Error).message, diagnosis: `${props.host} does not resolve`, fix: 'check the name, or connect to the Elastic IP (`ftp-kit outputs`)' };
      }
    }), 'needs a resolvable host');

    mustPass(await check('tcp', async () => {
      try {
        control = await FtpControl.connect(address!, port, timeoutMs);
        return { status: 'pass', detail: `connected to ${address}:${port}` };
      } catch (err) {
        return connectFailure(err, `${address}:${port}`, {
          timeout: ['filtered: a firewall or security group drops it (no answer, not even a refusal)', `allow your address in the config's \`allow\` (security group and host firewall), and check that port ${port} is the server's control port`],
          refused: [`nothing listens on port ${port}: the host answered, but no FTP server runs there`, `check that vsftpd runs (\`systemctl status vsftpd\` through SSM) and that listen_port is ${port}`],
        });
      }
    }), 'needs a control connection');

    mustPass(await check('banner', async () => {
      const greeting = await control!.read();
      if (greeting.code === 220) {
        if (SOFTWARE_NAMES.test(greeting.text)) {
          return { status: 'warn', detail: greeting.text, diagnosis: 'the banner names the server software or a version: it tells an attacker which exploits to try', fix: 'set `banner` in the config to a neutral line' };
        }
        return { status: 'pass', detail: greeting.text };
      }
      return { status: 'fail', detail: greeting.text, ...refusalDiagnosis(greeting) };
    }), 'the server did not greet');

    mustPass(await check('auth-tls', async () => {
      const feat = await control!.send('FEAT');
      // vsftpd 3.0.3 lists AUTH TLS only with ssl_tlsv1=YES, whatever else it accepts: a hint, not a verdict.
      const offered = feat.lines.some((l) => /^\s*AUTH\b.*\bTLS\b/i.test(l));
      const auth = await control!.send('AUTH TLS');
      if (auth.code !== 234) {
        return {
          status: 'fail', detail: `AUTH TLS → ${auth.text}${offered ? '' : ' (FEAT does not offer AUTH TLS)'}`,
          diagnosis: 'the server does not offer TLS: passwords and files would cross the network in clear text',
          fix: 'enable explicit FTPS (vsftpd: ssl_enable=YES with a certificate, force_local_logins_ssl=YES, force_local_data_ssl=YES); ftp-kit servers always force it',
        };
      }
      const secure = await control!.upgrade(tlsOptions(props));
      const protocol = secure.getProtocol() ?? '?';
      const cipher = secure.getCipher();
      if (protocol === 'TLSv1' || protocol === 'TLSv1.1') {
        return { status: 'fail', detail: `${protocol}, ${cipher.name}`, diagnosis: `the server negotiated ${protocol}, which is broken and deprecated (RFC 8996)`, fix: 'allow only ECDHE AES-GCM / ChaCha20 ciphers (ssl_ciphers): on vsftpd 3.0.3 that is what shuts out TLS 1.0/1.1' };
      }
      return { status: 'pass', detail: `${protocol}, ${cipher.standardName ?? cipher.name}${offered ? '' : ' (AUTH TLS works, though FEAT does not list it)'}` };
    }), 'doctor never sends a password without TLS');

    mustPass(await check('certificate', async () => {
      const secure = control!.tlsSocket!;
      const cert = secure.getPeerCertificate();
      fingerprint = cert.fingerprint256;
      const unverified: string[] = [];
      if (!secure.authorized) unverified.push(`is not trusted (${String(secure.authorizationError)})`);
      const identity = tls.checkServerIdentity(props.host, cert);
      if (identity) unverified.push(`does not name ${props.host} (${identity.message})`);
      const expires = new Date(cert.valid_to);
      const daysLeft = Math.floor((expires.getTime() - Date.now()) / 86400000);
      const detail = `${cert.subject?.CN ? `CN=${cert.subject.CN}, ` : ''}expires ${expires.toISOString().slice(0, 10)} (${daysLeft} days), SHA-256 ${cert.fingerprint256}`;
      if (daysLeft < 0) {
        return { status: 'fail', detail, diagnosis: `the certificate expired on ${expires.toISOString().slice(0, 10)}: partners' clients refuse it`, fix: 'renew it: on an ftp-kit server run `systemctl start ftp-kit-cert.service` (its timer renews 30 days before expiry; `journalctl -u ftp-kit-cert` tells why it did not)' };
      }
      // Node verifies the chain first: a name error alone means the chain itself is trusted.
      const trustedChain = secure.authorized || String(secure.authorizationError) === 'ERR_TLS_CERT_ALTNAME_INVALID';
      if (trustedChain && identity && !props.ca) return nameMismatch(props.host, identity, detail);
      if (unverified.length > 0) {
        const diagnosis = `the certificate ${unverified.join(' and ')}`;
        // With --ca the user asked for verification: a mismatch may be someone in the middle.
        if (props.ca) return { status: 'fail', detail, diagnosis: `${diagnosis}, although --ca was given: this may not be your server`, fix: 'check that --ca is the certificate `ftp-kit deploy` printed the fingerprint of, and the host the one it names' };
        if (props.insecure) return { status: 'pass', detail: `${detail} (not verified: --insecure)` };
        return { status: 'warn', detail, diagnosis: `${diagnosis}: it is not verified (ftp-kit's own certificate is self-signed)`, fix: 'compare the fingerprint with the one `ftp-kit deploy` printed, then pass the certificate with --ca FILE to verify it' };
      }
      if (daysLeft < 14) return { status: 'warn', detail, diagnosis: `the certificate expires in ${daysLeft} days`, fix: 'renew it before partners\' clients start refusing it (ftp-kit servers: check `journalctl -u ftp-kit-cert` and the DaysToExpiry alarm)' };
      return { status: 'pass', detail };
    }), 'the certificate does not match --ca: doctor does not send a password to a server that may not be yours');

    if (!props.user) {
      skipRest('no --user given: doctor stopped after the TLS checks (pass --user U --password-env VAR for login, passive mode and a round trip)');
      throw new Stop();
    }

    mustPass(await check('login', async () => {
      const user = await control!.send(`USER ${props.user}`);
      let final: FtpReply = user;
      if (user.code === 331) final = await control!.send(`PASS ${props.password ?? ''}`, timeoutMs + 35000);
      if (final.code !== 230) return { status: 'fail', detail: final.text, ...loginDiagnosis(final, props.user!) };
      const pbsz = await control!.send('PBSZ 0');
      const prot = await control!.send('PROT P');
      if (pbsz.code !== 200 || prot.code !== 200) {
        return { status: 'fail', detail: `PBSZ 0 → ${pbsz.text}; PROT P → ${prot.text}`, diagnosis: 'the server refuses to protect the data channel with TLS', fix: 'vsftpd: ssl_enable=YES and force_local_data_ssl=YES' };
      }
      return { status: 'pass', detail: `${final.text}; data channel protected (PROT P)` };
    }), 'needs a login');

    let dataTarget: { address: string; port: number } | undefined;
    const pasvAddress = await check('pasv-address', async () => {
      if (net.isIPv6(control!.remoteAddress ?? '')) {
        const epsv = await control!.send('EPSV');
        const p = parseEpsv(epsv.text);
        if (epsv.code !== 229 || p === undefined) return { status: 'fail', detail: `EPSV → ${epsv.text}`, diagnosis: 'the server refuses extended passive mode over IPv6', fix: 'vsftpd: pasv_enable=YES and listen_ipv6=YES' };
        dataTarget = { address: control!.remoteAddress!, port: p };
        return { status: 'pass', detail: `${epsv.text} (IPv6: EPSV carries no address, the data connection goes to ${dataTarget.address})` };
      }
      const pasv = await control!.send('PASV');
      const target = pasv.code === 227 ? parsePasv(pasv.text) : undefined;
      if (!target) return { status: 'fail', detail: `PASV → ${pasv.text}`, diagnosis: 'the server refuses passive mode, which every client behind a NAT needs', fix: 'vsftpd: pasv_enable=YES with pasv_min_port/pasv_max_port' };
      // Like a NAT-tolerant client, go on to the address we reached, so the passive range is still tested.
      dataTarget = { address: control!.remoteAddress ?? address!, port: target.port };
      if (target.address !== dataTarget.address) {
        return {
          status: 'fail', detail: pasv.text,
          diagnosis: `the server advertises ${target.address}, not ${dataTarget.address} that you connected to: pasv_address is wrong or missing — on EC2 it must be the Elastic IP. Clients that honour the 227 reply (the strict ones) cannot open a data connection`,
          fix: `set pasv_address=${dataTarget.address} (ftp-kit sets it to the Elastic IP; redeploy if it was edited by hand)`,
        };
      }
      return { status: 'pass', detail: `${pasv.text}: the address you connected to` };
    });
    if (!dataTarget) {
      skipRest('no passive port to test');
      throw new Stop();
    }

    await check('pasv-port', async () => {
      const p = dataTarget!.port;
      if (!props.expectPassive) return { status: 'pass', detail: `port ${p} (pass --expect-passive FROM-TO to check it against the security group's range)` };
      const { from, to } = props.expectPassive;
      if (p < from || p > to) {
        return { status: 'fail', detail: `port ${p}, expected ${from}–${to}`, diagnosis: `the server's passive port ${p} lies outside the passive range ${from}–${to} that the firewall opens: data connections will be dropped`, fix: 'make pasv_min_port/pasv_max_port and the security group agree (ftp-kit derives both from passivePorts)' };
      }
      return { status: 'pass', detail: `port ${p} is inside the passive range ${from}–${to}` };
    });

    let dataSocket: net.Socket | undefined;
    mustPass(await check('data-connection', async () => {
      try {
        dataSocket = await connectTcp(dataTarget!.address, dataTarget!.port, timeoutMs);
        return { status: 'pass', detail: `connected to passive port ${dataTarget!.address}:${dataTarget!.port}` };
      } catch (err) {
        const range = props.expectPassive ? ` ${props.expectPassive.from}–${props.expectPassive.to}` : '';
        return connectFailure(err, `${dataTarget!.address}:${dataTarget!.port}`, {
          timeout: [`the passive range${range} is blocked between you and the server: passive port ${dataTarget!.port} did not answer (a firewall, security group or NAT drops it)`, `open the passive range${range} (TCP) from your address in every firewall on the way: security group, host firewall, your own outbound rules`],
          refused: [`nothing listens on passive port ${dataTarget!.port}: the server did not open the port it advertised`, 'check that the server sits behind a 1:1 NAT (an Elastic IP) that forwards the passive range unchanged'],
        });
      }
    }), 'no data connection');

    await check('tls-reuse', async () => {
      const session = control!.tlsSession();
      const list = await control!.send('LIST');
      if (list.code >= 400) { dataSocket!.destroy(); return { status: 'fail', detail: `LIST → ${list.text}`, ...dataRefusal(list) }; }
      const secure = tls.connect({ ...tlsOptions(props), socket: dataSocket!, session, rejectUnauthorized: false });
      let reused = false;
      let protocol = 'TLS';
      // Read at the handshake: once the socket has closed, node no longer knows.
      secure.once('secureConnect', () => { reused = secure.isSessionReused(); protocol = secure.getProtocol() ?? protocol; });
      const listing = collect(secure, timeoutMs);
      const final = (await control!.readFinal(timeoutMs)).pop()!;
      secure.destroy();
      await listing.catch(() => '');
      if (final.code === 522) {
        return { status: 'fail', detail: final.text, diagnosis: 'the server demands TLS session reuse on data connections (require_ssl_reuse=YES, good) but refused this one', fix: 'use a client that resumes the control connection\'s TLS session (curl, lftp, FileZilla, WinSCP do; Python ftplib does not)' };
      }
      if (final.code >= 400) return { status: 'fail', detail: final.text, ...dataRefusal(final) };
      if (!reused) {
        return { status: 'warn', detail: `${final.text}; the data channel did NOT resume the control channel's TLS session`, diagnosis: 'the server accepts data connections without TLS session reuse, so another host could take over a data connection', fix: 'vsftpd: require_ssl_reuse=YES (ftp-kit sets it)' };
      }
      return { status: 'pass', detail: `directory listed over TLS; the data channel resumed the control channel's TLS session (${protocol})` };
    });

    await check('round-trip', async () => roundTrip(dataTarget!.address, props, timeoutMs, fingerprint));
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  } finally {
    await control?.quit();
  }
  return { host: props.host, port, address, checks, certificateFingerprint: fingerprint, ok: !checks.some((c) => c.status === 'fail') };
}

/** TLS options of every connection: the host the user named is the identity the certificate must carry. */
function tlsOptions(props: DoctorProps): tls.ConnectionOptions {
  return { ca: props.ca, host: props.host, servername: net.isIP(props.host) ? undefined : props.host, minVersion: 'TLSv1' };
}

type Diagnosed = Omit<CheckResult, 'id' | 'durationMs'>;

function connectFailure(err: unknown, where: string, texts: { timeout: [string, string]; refused: [string, string] }): Diagnosed {
  if (!(err instanceof ConnectError)) return { status: 'fail', detail: (err as Error).message, diagnosis: `cannot connect to ${where}`, fix: 'check the address and port' };
  if (err.kind === 'timeout') return { status: 'fail', detail: err.message, diagnosis: texts.timeout[0], fix: texts.timeout[1] };
  if (err.kind === 'refused') return { status: 'fail', detail: err.message, diagnosis: texts.refused[0], fix: texts.refused[1] };
  if (err.kind === 'unreachable') return { status: 'fail', detail: err.message, diagnosis: `no route to ${where}`, fix: 'check the address, and that the instance has its Elastic IP' };
  return { status: 'fail', detail: err.message, diagnosis: `the connection to ${where} broke off`, fix: 'try again; if it persists, check the host firewall' };
}

function refusalDiagnosis(reply: FtpReply): Pick<CheckResult, 'diagnosis' | 'fix'> {
  if (reply.code >= 500) return { diagnosis: 'the server refuses every session: its configuration is broken (the reply says why)', fix: 'fix the server\'s configuration; for vsftpd see its log and `vsftpd <conf>` run on a terminal' };
  if (reply.code === 421) return { diagnosis: 'the server refuses the session: too many connections from your address (max_per_ip) or in all (max_clients)', fix: 'close idle sessions, or raise limits.maxPerIp / limits.maxClients in the config' };
  return { diagnosis: 'the server did not greet with 220', fix: 'check that this port runs an FTP server' };
}

function loginDiagnosis(reply: FtpReply, user: string): Pick<CheckResult, 'diagnosis' | 'fix'> {
  if (/encrypt|ssl|tls/i.test(reply.text)) return { diagnosis: 'the server requires TLS for logins (as it should), and this session is not protected', fix: 'connect with explicit FTPS (AUTH TLS)' };
  if (['anonymous', 'ftp'].includes(user)) return { diagnosis: 'anonymous logins are refused (as they should be on a partner drop)', fix: 'log in as one of the configured users' };
  if (reply.code === 530) return { diagnosis: `wrong credentials: the server refused user ${user} with this password`, fix: 'read the password again (`ftp-kit outputs` lists the command that reads it from Secrets Manager); mind that repeated failures close the connection (max_login_fails)' };
  return { diagnosis: 'the server did not accept the login', fix: 'check the user name and the server log (vsftpd.log)' };
}

function dataRefusal(reply: FtpReply): Pick<CheckResult, 'diagnosis' | 'fix'> {
  if (reply.code === 425 && /bad ip/i.test(reply.text)) return { diagnosis: 'the data connection arrived from another address than the control connection (several NAT addresses on your side)', fix: 'use one outgoing address for FTP (vsftpd refuses this on purpose: pasv_promiscuous=NO)' };
  if (reply.code === 425) return { diagnosis: 'the server could not open the data connection', fix: 'check that the passive range is open end to end' };
  if (reply.code === 522) return { diagnosis: 'the server requires TLS on the data connection', fix: 'use PROT P (every FTPS client does)' };
  return { diagnosis: 'the server refused the listing', fix: 'check the user\'s folder on the server' };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); })]).finally(() => clearTimeout(timer));
}

function collect(socket: tls.TLSSocket, timeoutMs: number): Promise<string> {
  return withTimeout(new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => { text += d; });
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  }), timeoutMs, `no data within ${timeoutMs} ms`);
}

/** Upload a small random file to files/, download it, compare, delete: with basic-ftp, as a partner's client would. */
async function roundTrip(address: string, props: DoctorProps, timeoutMs: number, fingerprint: string | undefined): Promise<Diagnosed> {
  const { Client } = await import('basic-ftp');
  const client = new Client(timeoutMs);
  const name = `files/ftp-kit-doctor-${randomBytes(6).toString('hex')}.bin`;
  const payload = randomBytes(64 * 1024);
  try {
    await client.connect(address, props.port ?? 21);
    await client.useTLS({ ...tlsOptions(props), rejectUnauthorized: false });
    // Pinned to the certificate the certificate check judged: the password goes to that server only.
    const seen = (client.ftp.socket as tls.TLSSocket).getPeerCertificate().fingerprint256;
    if (seen !== fingerprint) {
      return { status: 'fail', detail: `certificate SHA-256 ${seen}`, diagnosis: 'the second connection presented another certificate than the first: something between you and the server intercepts TLS', fix: 'find the proxy or device that terminates TLS on the way' };
    }
    await client.login(props.user, props.password);
    await client.useDefaultSettings();
    try {
      await client.uploadFrom(Readable.from([payload]), name);
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code === 550 || code === 553) {
        return { status: 'warn', detail: `upload → ${(err as Error).message}`, diagnosis: `user ${props.user} may not upload (write: false): the listing worked, the round trip was skipped`, fix: 'run the doctor as a user with write: true to test uploads' };
      }
      throw err;
    }
    const chunks: Buffer[] = [];
    await client.downloadTo(new Writable({ write(chunk, _enc, done) { chunks.push(chunk); done(); } }), name);
    await client.remove(name);
    const sent = createHash('sha256').update(payload).digest('hex');
    const got = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    if (sent !== got) return { status: 'fail', detail: `sent ${sent.slice(0, 16)}…, got ${got.slice(0, 16)}…`, diagnosis: 'the file came back different: something on the way rewrites transfers', fix: 'check for an FTP-aware proxy or an ASCII-mode transfer on the way' };
    return { status: 'pass', detail: `uploaded, downloaded and deleted ${name} (64 KiB, SHA-256 equal)` };
  } catch (err) {
    const code = (err as { code?: number }).code;
    return { status: 'fail', detail: (err as Error).message, diagnosis: code === 522 ? 'the data connection was refused: TLS session reuse failed' : 'the round trip failed', fix: 'see the server log (vsftpd.log) for the session' };
  } finally {
    client.close();
  }
}

/** A certificate clients trust (a public CA's) that names another host: every verifying client refuses it. */
function nameMismatch(host: string, identity: Error, detail: string): Omit<CheckResult, 'id' | 'durationMs'> {
  return {
    status: 'fail', detail, diagnosis: `the certificate is trusted but does not name ${host} (${identity.message}): verifying clients refuse it`,
    fix: 'connect by the name the certificate carries (with tls.mode lets-encrypt: tls.domain, not the IP address), or serve a certificate for this name',
  };
}
