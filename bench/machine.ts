/* The machine a benchmark ran on: figures mean nothing without it. */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly terraform: string;
  readonly vsftpd: string;
  readonly openssl: string;
  readonly curl: string;
  /** NODE_EXTRA_CA_CERTS of the environment the bench ran in: node parses it at every start. */
  readonly nodeExtraCaCerts?: string;
  /** 1-minute load average when the bench started: above the core count, other work shared the CPU. */
  readonly loadAverage1m?: number;
}

function tryRun(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  const lscpu = tryRun('lscpu', []);
  const model = /^Model name:\s+(.+)$/m.exec(lscpu)?.[1];
  return model ?? os.cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  const terraformJson = tryRun('terraform', ['version', '-json']);
  let terraform = 'unknown';
  try {
    terraform = JSON.parse(terraformJson).terraform_version;
  } catch {
    // not installed or not JSON
  }
  return {
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    terraform,
    vsftpd: tryRun('dpkg-query', ['-W', '-f', '${Version}', 'vsftpd']),
    openssl: tryRun('openssl', ['version']),
    curl: tryRun('curl', ['--version']).split('\n')[0].split(' ').slice(0, 2).join(' '),
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS || undefined,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
