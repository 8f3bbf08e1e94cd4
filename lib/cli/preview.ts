/* `ftp-kit preview`: the local target in the foreground, until SIGINT/SIGTERM. */
import { writeFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { LocalTargetError } from '../local/errors';
import { LISTEN_EVERY_ADDRESS, LocalPreview, startPreview } from '../local/preview';
import { describeExit } from '../local/vsftpd';
import { EXIT_OK, UsageError } from './errors';

export interface PreviewCommandProps {
  readonly config: FtpKitConfig;
  /** --listen. @default 127.0.0.1 */
  readonly listen?: string;
  /** --pasv-address. @default the listen address */
  readonly pasvAddress?: string;
  /** --dir. @default a fresh temporary folder, removed on exit */
  readonly dir?: string;
  /** --cert-file, --key-file: tls.mode imported. @default none */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Where the status lines and vsftpd's log go. @default process.stdout */
  readonly write?: (text: string) => void;
  /** The signals that stop the preview. @default ['SIGINT', 'SIGTERM', 'SIGHUP'] */
  readonly stopSignals?: readonly NodeJS.Signals[];
  /** How often to check that the process that started the preview is still there. @default 200 */
  readonly parentCheckIntervalMs?: number;
}

/** How often the running preview checks its certificate, as ftp-kit-cert.timer does on EC2. */
const RENEW_CHECK_MS = 12 * 3600 * 1000;

/** The reason a start is aborted when the user asked to stop: not an error. */
class StopRequested extends Error {}

function checkFlags(props: PreviewCommandProps): void {
  const problems: string[] = [];
  if (props.listen !== undefined && !isIPv4(props.listen) && props.listen !== LISTEN_EVERY_ADDRESS)
    problems.push(
      `--listen: ${JSON.stringify(props.listen)} — is not an IPv4 address nor ${LISTEN_EVERY_ADDRESS} — pass an address of this machine, ` +
        `e.g. --listen 127.0.0.1, or --listen ${LISTEN_EVERY_ADDRESS} for all of them, IPv4 and IPv6`,
    );
  if (props.pasvAddress !== undefined && (!isIPv4(props.pasvAddress) || props.pasvAddress === '0.0.0.0')) {
    problems.push(
      `--pasv-address: ${JSON.stringify(props.pasvAddress)} — is not an ` +
        `IPv4 address clients can reach — pass the address clients connect to, ` +
        `e.g. --pasv-address 203.0.113.10`,
    );
  }
  if ((props.listen === '0.0.0.0' || props.listen === LISTEN_EVERY_ADDRESS) && props.pasvAddress === undefined)
    problems.push(`--pasv-address: (missing) — is required with --listen ${props.listen} — pass the IPv4 address clients connect to`);
  const imported = props.config.tls.mode === 'imported';
  for (const [flag, value] of [
    ['--cert-file', props.certFile],
    ['--key-file', props.keyFile],
  ] as const) {
    if (imported && value === undefined)
      problems.push(`${flag}: (missing) — tls.mode imported needs the PEM files here — pass --cert-file FILE --key-file FILE`);
    if (!imported && value !== undefined)
      problems.push(`${flag}: ${JSON.stringify(value)} — is only for tls.mode imported — remove it, or set tls.mode to "imported"`);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
}

/**
 * Runs the preview until a stop signal: prints `ready ftp://ADDR:PORT` once vsftpd greets, forwards
 * vsftpd's log, and on SIGINT/SIGTERM (or a failed start) removes what it made. Passwords go only
 * to credentials.json, never to the output.
 */
export async function runPreview(props: PreviewCommandProps): Promise<number> {
  checkFlags(props);
  const write = props.write ?? ((text: string) => process.stdout.write(text));
  const stop = new AbortController();
  const signals = props.stopSignals ?? ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals) => stop.abort(new StopRequested(`stopped by ${signal}`));
  for (const signal of signals) process.on(signal, onSignal);
  // A foreground command whose starter is gone stops too: `npx` and `npm exec` forward SIGTERM only to
  // the shell they run the command in, which dies and leaves this process to init.
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid !== parent) stop.abort(new StopRequested(`stopped: the process that started it (pid ${parent}) exited`));
  }, props.parentCheckIntervalMs ?? 200);
  parentWatch.unref();
  let preview: LocalPreview | undefined;
  try {
    try {
      preview = await startPreview({
        config: props.config,
        listenAddress: props.listen,
        pasvAddress: props.pasvAddress,
        dir: props.dir,
        importedFiles: props.certFile && props.keyFile ? { certFile: props.certFile, keyFile: props.keyFile } : undefined,
        onLog: (line) => write(`${line}\n`),
        signal: stop.signal,
      });
    } catch (err) {
      if (err instanceof StopRequested) {
        write(`${err.message} before the server was ready; removed what was made\n`);
        return EXIT_OK;
      }
      if (err instanceof LocalTargetError) throw new UsageError(err.message);
      throw err;
    }
    const { from, to } = preview.passivePorts;
    const address = preview.address.includes(':') ? `[${preview.address}]` : preview.address;
    write(`vsftpd listens on ${address}:${preview.port}; passive ports ${from}-${to}, announced as ${preview.pasvAddress}\n`);
    write(
      `server files in ${preview.dir}${props.dir === undefined ? ' (temporary: removed on exit)' : ''}; ` +
        `passwords in ${preview.credentialsFile} (mode 0600); ` +
        `certificate ${preview.certificate.certFile}\n`,
    );
    if (preview.acmeRootPem) {
      // Clients verify the local ACME CA's certificate against its root, as they would Let's Encrypt's.
      const root = join(preview.dir, 'acme-root.pem');
      writeFileSync(root, preview.acmeRootPem, { mode: 0o644 });
      write(
        `certificate issued by a local pebble ACME server ` +
          `for ${props.config.tls.mode === 'lets-encrypt' ? props.config.tls.domain : ''}; ` +
          `trust ${root} to verify it\n`,
      );
    }
    if (preview.broughtUpLoopback)
      write('the loopback interface was down in this network namespace: brought it up until the preview stops\n');
    write(`ready ${preview.url}\n`);
    // As ftp-kit-cert.timer does on EC2: renew before expiry, pick up rotated imported files.
    const active = preview;
    const renewal = setInterval(() => {
      active
        .renewCertificate()
        .then((changed) => changed && write(`installed a new certificate: new sessions get it\n`))
        .catch((err: Error) => write(`certificate check failed: ${err.message}\n`));
    }, RENEW_CHECK_MS);
    renewal.unref();
    stop.signal.addEventListener('abort', () => clearInterval(renewal), { once: true });
    const stopped = new Promise<'signal'>((resolve) => {
      if (stop.signal.aborted) resolve('signal');
      stop.signal.addEventListener('abort', () => resolve('signal'), { once: true });
    });
    const outcome = await Promise.race([stopped, preview.exited]);
    await preview.stop();
    if (outcome !== 'signal') {
      throw new UsageError(
        `vsftpd died (${describeExit(outcome)}): its sessions were ended and what the preview made removed — ` +
          `see ${preview.logFile}, then start the preview again`,
      );
    }
    write(
      `${(stop.signal.reason as Error).message} — vsftpd stopped; ` +
        `removed ${preview.pamServiceFile} and nftables table ` +
        `inet ${preview.layout.nftTable}\n`,
    );
    return EXIT_OK;
  } finally {
    clearInterval(parentWatch);
    await preview?.stop();
    for (const signal of signals) process.off(signal, onSignal);
  }
}
