/*
 * Which tls.maxVersion loses no upload: N uploads of 1 MiB with Debian's stock curl and lftp against a
 * real preview, TLS 1.3 allowed vs capped at 1.2 (the vsftpd-only OpenSSL config), both cores kept
 * busy. An upload fails when the client exits non-zero or the stored file is not the 1 MiB sent
 * (a truncation). docs/tls.md holds the figures and the reasoning.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateConfig } from '../lib/config';
import { freePort } from '../lib/local/ports';
import { startPreview } from '../lib/local/preview';

const run = promisify(execFile);
const FILE_BYTES = 2 ** 20;

export interface TlsUploadFigures {
  readonly client: 'curl' | 'lftp';
  readonly maxVersion: '1.2' | '1.3';
  readonly uploads: number;
  /** Client exited non-zero (e.g. curl's 426 after the server closed the data connection). */
  readonly failed: number;
  /** Client said nothing wrong, but the stored file is shorter than what was sent. */
  readonly truncated: number;
}

export interface TlsUploadProps {
  /** Uploads per client and version. */
  readonly uploads: number;
  readonly workDir: string;
  readonly log: (line: string) => void;
  readonly onCleanup: (fn: () => void) => void;
}

/** One process per core spinning for `seconds`: "both cores busy". */
function busyCores(seconds: number): ChildProcess[] {
  return cpus().map(() =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end) {}`], { stdio: 'ignore' }),
  );
}

interface UploadProps {
  readonly url: string;
  readonly file: string;
  readonly target: string;
  readonly caFile: string;
  readonly netrc: string;
  readonly password: string;
  readonly workDir: string;
}

async function upload(client: 'curl' | 'lftp', props: UploadProps): Promise<boolean> {
  try {
    if (client === 'curl') {
      await run('curl', [
        '-sS',
        '--max-time',
        '30',
        '--ssl-reqd',
        '--cacert',
        props.caFile,
        '--netrc-file',
        props.netrc,
        '-T',
        props.file,
        `${props.url}/files/${props.target}`,
      ]);
    } else {
      const script = join(props.workDir, 'upload.lftp');
      writeFileSync(
        script,
        [
          'set cmd:fail-exit yes',
          'set net:timeout 10',
          'set net:max-retries 1',
          'set ftp:ssl-force yes',
          'set ftp:ssl-protect-data yes',
          `set ssl:ca-file ${props.caFile}`,
          'set ssl:check-hostname no',
          `open -u bench,${props.password} ${props.url}`,
          `put ${props.file} -o files/${props.target}`,
          '',
        ].join('\n'),
        { mode: 0o600 },
      );
      // The password is in the script (mode 0600), never on a command line.
      await run('lftp', ['-f', script], { timeout: 60000 });
    }
    return true;
  } catch {
    return false;
  }
}

/** Runs the scenario for each version and client; every preview is stopped before it returns. */
export async function runTlsUploads(props: TlsUploadProps): Promise<TlsUploadFigures[]> {
  const file = join(props.workDir, 'payload.bin');
  writeFileSync(file, randomBytes(FILE_BYTES));
  const figures: TlsUploadFigures[] = [];
  for (const maxVersion of ['1.3', '1.2'] as const) {
    const controlPort = await freePort('127.0.0.1', { from: 41000, to: 41099 });
    const config = validateConfig({
      name: 'bench-tls',
      controlPort,
      passivePorts: { from: 41000, to: 41099 },
      allow: ['127.0.0.0/8'],
      users: [{ name: 'bench', write: true }],
      tls: { maxVersion },
      limits: { maxPerIp: 50 },
    });
    const preview = await startPreview({ config, dir: join(props.workDir, `tls-${maxVersion.replace('.', '')}`) });
    props.onCleanup(() => void preview.stop());
    const netrc = join(props.workDir, '.netrc');
    writeFileSync(netrc, `machine 127.0.0.1 login bench password ${preview.credentials.bench}\n`, { mode: 0o600 });
    const busy = busyCores(300);
    props.onCleanup(() => busy.forEach((p) => p.kill('SIGKILL')));
    try {
      for (const client of ['curl', 'lftp'] as const) {
        let failed = 0;
        let truncated = 0;
        for (let i = 0; i < props.uploads; i++) {
          const target = `${client}-${i}.bin`;
          const ok = await upload(client, {
            url: preview.url,
            file,
            target,
            caFile: preview.certificate.certFile,
            netrc,
            password: preview.credentials.bench,
            workDir: props.workDir,
          });
          const stored = join(preview.layout.dataDir, 'jail', 'bench', 'files', target);
          const size = existsSync(stored) ? statSync(stored).size : 0;
          if (!ok) failed++;
          else if (size !== FILE_BYTES) truncated++;
        }
        figures.push({ client, maxVersion, uploads: props.uploads, failed, truncated });
        props.log(`tls ${maxVersion} ${client}: ${failed} failed, ${truncated} truncated of ${props.uploads}`);
      }
    } finally {
      for (const p of busy) p.kill('SIGKILL');
      await preview.stop();
    }
  }
  return figures;
}
