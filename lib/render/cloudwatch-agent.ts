import { FtpKitConfig } from '../config/schema';
import { ServerLayout } from './types';

/** The CloudWatch Logs log group of a stack: one per server, named after config.name. */
export function logGroupNameOf(config: Pick<FtpKitConfig, 'name'>): string {
  return `/ftp-kit/${config.name}`;
}

/** The CloudWatch namespace of the agent's metrics: one per stack, so the instance role can be limited to it. */
export function metricNamespaceOf(config: Pick<FtpKitConfig, 'name'>): string {
  return `FtpKit/${config.name}`;
}

/** The agent's config file: beside the server's other files (the agent reads it with fetch-config). */
export function agentConfigPathOf(layout: ServerLayout): string {
  return `${layout.etcDir}/cloudwatch-agent.json`;
}

/**
 * AWS's published fingerprint of the key that signs the CloudWatch agent packages ("Amazon
 * CloudWatch Agent", rsa2048, 2017-11-14; AWS's "Verifying the signature of the CloudWatch agent
 * package"). The key itself is fetched from AWS's bucket at first boot; this pin is the trust anchor.
 */
export const CLOUDWATCH_AGENT_KEY_FINGERPRINT = '937616F3450B7D806CBD9725D58167303B789C72';

/** The logs the server writes, as shipped: file on the instance → stream suffix. */
export function shippedLogFiles(layout: ServerLayout): ReadonlyArray<{ readonly file: string; readonly stream: string }> {
  return [
    { file: `${layout.logDir}/vsftpd.log`, stream: 'vsftpd.log' },
    { file: `${layout.logDir}/xferlog`, stream: 'xferlog' },
    { file: `${layout.logDir}/fail2ban.log`, stream: 'fail2ban.log' },
    { file: '/var/log/cloud-init-output.log', stream: 'cloud-init-output.log' },
  ];
}

/** The data volume's disk metric: `disk_used_percent` with exactly these dimensions (the alarm uses them). */
export function dataDiskMetricDimensions(layout: ServerLayout): Readonly<Record<string, string>> {
  return { path: layout.dataDir, fstype: 'ext4' };
}

/**
 * The agent's JSON config: the server's logs to the stack's log group (one stream per file and
 * instance), and the data volume's used percent. `omit_hostname` and `drop_device` leave the disk
 * metric with only path and fstype, values known at synth time, so the alarm can name them.
 */
export function renderCloudWatchAgentConfig(config: FtpKitConfig, layout: ServerLayout): string {
  const logGroup = logGroupNameOf(config);
  const agent = {
    agent: { metrics_collection_interval: 60, omit_hostname: true, run_as_user: 'root' },
    logs: {
      logs_collected: {
        files: {
          collect_list: shippedLogFiles(layout).map(({ file, stream }) => ({
            file_path: file,
            log_group_name: logGroup,
            log_stream_name: `{instance_id}/${stream}`,
            retention_in_days: -1,
          })),
        },
      },
    },
    metrics: {
      namespace: metricNamespaceOf(config),
      metrics_collected: {
        disk: {
          measurement: ['used_percent'],
          resources: [layout.dataDir],
          drop_device: true,
          ignore_file_system_types: ['sysfs', 'devtmpfs', 'tmpfs'],
        },
      },
    },
  };
  return `${JSON.stringify(agent)}\n`;
}
