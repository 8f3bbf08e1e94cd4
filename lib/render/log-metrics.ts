/*
 * What CloudWatch counts in vsftpd.log: metric filters on the lines vsftpd 3.0.3 writes with
 * dual_log_enable and log_ftp_protocol (test/integration/nat-ban.test.ts matches each pattern
 * against lines the real server wrote). Phrases are matched as substrings; `-"FTP command"` keeps a
 * client from counting its own command text (`USER FAIL LOGIN`).
 */

export interface LogMetric {
  /** Construct ID part and metric name. */
  readonly metricName: string;
  /** CloudWatch Logs filter pattern (terms syntax). */
  readonly pattern: string;
  readonly description: string;
  /** A line vsftpd writes that the pattern counts (documentation and a unit test). */
  readonly example: string;
}

export const LOG_METRICS = {
  failedLogins: {
    metricName: 'FailedLogins',
    pattern: '"FAIL LOGIN: Client" -"FTP command"',
    description: 'Wrong user name or password (vsftpd FAIL LOGIN)',
    example: 'Tue Dec  1 21:18:36 2026 [pid 4242] [alice] FAIL LOGIN: Client "198.51.100.10"',
  },
  logins: {
    metricName: 'Logins',
    pattern: '"OK LOGIN: Client" -"FTP command"',
    description: 'Successful logins (vsftpd OK LOGIN)',
    example: 'Tue Dec  1 21:18:40 2026 [pid 4243] [alice] OK LOGIN: Client "198.51.100.10"',
  },
  uploads: {
    metricName: 'Uploads',
    pattern: '"OK UPLOAD: Client" -"FTP command"',
    description: 'Completed uploads (vsftpd OK UPLOAD)',
    example: 'Tue Dec  1 21:18:41 2026 [pid 4244] [alice] OK UPLOAD: Client "198.51.100.10", "/files/a.txt", 15 bytes, 12.01Kbyte/sec',
  },
  downloads: {
    metricName: 'Downloads',
    pattern: '"OK DOWNLOAD: Client" -"FTP command"',
    description: 'Completed downloads (vsftpd OK DOWNLOAD)',
    example: 'Tue Dec  1 21:18:42 2026 [pid 4244] [alice] OK DOWNLOAD: Client "198.51.100.10", "/files/a.txt", 15 bytes, 9.80Kbyte/sec',
  },
  sessionLimit: {
    metricName: 'SessionLimitReplies',
    pattern: '"FTP response" "421 There are too many"',
    description: '421 replies: max_clients or max_per_ip reached (connection exhaustion)',
    example:
      'Tue Dec  1 21:27:37 2026 [pid 11818] FTP response: Client "198.51.100.10", ' +
      '"421 There are too many connections from your internet address."',
  },
  dataConnectionFailed: {
    metricName: 'DataConnectionFailures',
    pattern: '"FTP response" "425 Failed to establish connection"',
    description: '425 replies: a passive data connection never came (passive range blocked or exhausted)',
    example: 'Tue Dec  1 21:30:00 2026 [pid 4250] [alice] FTP response: Client "198.51.100.10", "425 Failed to establish connection."',
  },
} as const satisfies Record<string, LogMetric>;
