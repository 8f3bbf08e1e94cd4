import { parse as parseYaml } from 'yaml';
import { renderedWriteFiles } from './user-data';
import { parseVsftpdConf } from './vsftpd-conf';

/*
 * A plan hides user-data: it embeds the Elastic IP and the secret ARNs, so it is "known after
 * apply". Reviews still need the server's side of the cross-layer rules (ports, pasv_address, TLS,
 * jail), so FtpInstance copies it out of the very user-data text it launches with into a
 * `terraform_data` resource whose input is known at plan time. This module is that record's format:
 * written by the construct, read by lib/checks.
 */

/** `kind` of a terraform_data input that records an FTP server's settings. */
export const SERVER_RECORD_KIND = 'ftp-kit/server-config';

/** Stands in the recorded vsftpd.conf for pasv_address's value, which the record keeps apart as `pasv_address`. */
export const PASV_ADDRESS_MARK = '<pasv_address>';

export interface ServerRecord {
  readonly kind: typeof SERVER_RECORD_KIND;
  readonly version: 1;
  /** Terraform address of the instance launched with this user-data (`aws_instance.<name>`). */
  readonly instance: string;
  /** The vsftpd.conf the user-data writes, verbatim but for pasv_address's value (PASV_ADDRESS_MARK). */
  readonly vsftpd_conf: string;
  /** vsftpd's per-user files (user_config_dir), by user name. */
  readonly user_configs: Readonly<Record<string, string>>;
  /** pasv_address as the user-data sets it: an address, or a Terraform reference such as the Elastic IP's; "" when unset. */
  readonly pasv_address: string;
}

interface WriteFile {
  readonly path?: unknown;
  readonly content?: unknown;
}

/** The `write_files` of a `#cloud-config` text; [] for anything else (a shell script, bad YAML). */
function writeFilesOf(userData: string): readonly WriteFile[] {
  const rendered = renderedWriteFiles(userData);
  if (rendered) return rendered;
  if (!userData.startsWith('#cloud-config')) return [];
  try {
    const doc = parseYaml(userData) as { write_files?: unknown } | null;
    return Array.isArray(doc?.write_files) ? (doc.write_files as WriteFile[]) : [];
  } catch {
    return [];
  }
}

/**
 * Reads the server's settings out of cloud-config user-data: the file named `vsftpd.conf` that it
 * writes, and the files in that config's user_config_dir. Undefined when it writes no vsftpd.conf.
 */
export function serverRecordOf(userData: string, instance: string): ServerRecord | undefined {
  const files = writeFilesOf(userData).filter(
    (f): f is { path: string; content: string } => typeof f.path === 'string' && typeof f.content === 'string',
  );
  const conf = files.find((f) => f.path === 'vsftpd.conf' || f.path.endsWith('/vsftpd.conf'));
  if (!conf) return undefined;
  const settings = parseVsftpdConf(conf.content);
  const userDir = settings.user_config_dir?.replace(/\/+$/, '');
  const userConfigs: Record<string, string> = {};
  if (userDir) {
    for (const file of files) {
      if (file.path.startsWith(`${userDir}/`) && !file.path.slice(userDir.length + 1).includes('/'))
        userConfigs[file.path.slice(userDir.length + 1)] = file.content;
    }
  }
  return {
    kind: SERVER_RECORD_KIND,
    version: 1,
    instance,
    vsftpd_conf: conf.content.replace(/^pasv_address=.*$/m, () => `pasv_address=${PASV_ADDRESS_MARK}`),
    user_configs: userConfigs,
    pasv_address: settings.pasv_address ?? '',
  };
}
