import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isUnicastIpv4 } from '../config/cidr';
import { FtpKitConfig } from '../config/schema';
import { renderBootstrapScript, renderOperationsFiles, renderServerFiles, renderSystemdDropIn, renderUserData } from '../render';
import { UsageError } from './errors';

/** Stands in for the Elastic IP when none is given, so nobody mistakes the output for a deployable file. */
export const PUBLIC_IP_PLACEHOLDER = 'ELASTIC_IP';

export interface RenderCommandProps {
  readonly config: FtpKitConfig;
  readonly outDir: string;
  /** pasv_address. @default PUBLIC_IP_PLACEHOLDER */
  readonly publicIp?: string;
}

/** Writes the files the server receives; returns their paths relative to outDir. */
export function renderToDirectory(props: RenderCommandProps): string[] {
  const { config } = props;
  if (props.publicIp !== undefined && !isUnicastIpv4(props.publicIp)) {
    throw new UsageError(
      `--public-ip: ${JSON.stringify(props.publicIp)} — is not a unicast IPv4 address (0.0.0.0/8, multicast and ` +
        'broadcast reach no one) — pass the Elastic IP, e.g. --public-ip 198.51.100.50',
    );
  }
  const publicAddress = props.publicIp ?? PUBLIC_IP_PLACEHOLDER;
  const secretArns = Object.fromEntries(
    config.users.map((u) => [u.name, `arn:aws:secretsmanager:${config.region}:ACCOUNT:secret:${config.name}/${u.name}`]),
  );
  const userDataProps = { publicAddress, dataVolumeId: 'vol-DATAVOLUME', secretArns };
  // Render everything before writing anything: an error leaves no half-written folder.
  const files = renderServerFiles(config, { publicAddress });
  const outputs: Record<string, string> = {
    'vsftpd.conf': files.vsftpdConf,
    'user-data': renderUserData(config, userDataProps),
    [`pam.d/${files.layout.pamServiceName}`]: files.pamService,
    'firewall.nft': files.nftables,
    'vsftpd.service.d/ftp-kit.conf': renderSystemdDropIn(files.layout),
    'bootstrap.sh': renderBootstrapScript(config, userDataProps),
    ...Object.fromEntries(Object.entries(files.userConfigs).map(([name, text]) => [`users/${name}`, text])),
    // fail2ban, logrotate, updates, the CloudWatch agent: under root/ at their path on the server.
    ...Object.fromEntries(Object.entries(renderOperationsFiles(config, files.layout)).map(([file, text]) => [`root${file}`, text])),
  };
  for (const [name, text] of Object.entries(outputs)) {
    const file = path.join(props.outDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { mode: name === 'bootstrap.sh' ? 0o755 : 0o644 });
  }
  return Object.keys(outputs);
}
