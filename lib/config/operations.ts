import { z } from 'zod';
import { parseCidr } from './cidr';

/*
 * The operations part of the config (issue 14): alerts, logs, backups, fail2ban and updates. Kept
 * beside schema.ts so that the main schema only names these blocks.
 */

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy); 0 (never expire) is left out on purpose. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const OPERATIONS_DEFAULTS = {
  logRetentionDays: 90,
  backupRetainDays: 14,
  // Five wrong passwords in ten minutes is more than a partner who mistyped; a brute-forcer gets an hour off.
  banMaxRetry: 5,
  banFindTimeSeconds: 600,
  banTimeSeconds: 3600,
  rebootWindow: 'Sun 03:00',
} as const;

/** `"Sun 03:00"` or `"daily 03:00"` (UTC): when a reboot that an update asked for may happen. */
export const REBOOT_WINDOW = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun|daily) ([01]\d|2[0-3]):([0-5]\d)$/;

/** The systemd OnCalendar expression of a reboot window (validated by REBOOT_WINDOW). */
export function rebootWindowOnCalendar(window: string): string {
  const match = REBOOT_WINDOW.exec(window);
  if (!match) throw new Error(`not a reboot window: ${JSON.stringify(window)}`);
  const [, day, hour, minute] = match;
  return `${day === 'daily' ? '' : `${day} `}*-*-* ${hour}:${minute}:00 UTC`;
}

const cidr = z.string({ error: 'must be a CIDR string — write e.g. "198.51.100.7/32"' }).superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'is not a valid IPv4 or IPv6 CIDR — write e.g. "198.51.100.7/32" or "2001:db8::/48"' });
  } else if (parsed.hasHostBits) ctx.addIssue({ code: 'custom', message: `has host bits set — write "${parsed.network}"` });
});

const int = (what: string, min: number, max: number) =>
  z
    .int({ error: `must be a whole number — set ${what} to ${min}–${max}` })
    .min(min, { error: `is too small — use ${min}–${max}` })
    .max(max, { error: `is too large — use ${min}–${max}` });

export const alertsSchema = z
  .strictObject(
    {
      email: z
        .string({ error: 'must be a string — write an e-mail address, e.g. "ops@example.com"' })
        .max(254, { error: 'is too long — use an address of at most 254 characters' })
        .regex(/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, { error: 'is not an e-mail address — write e.g. "ops@example.com"' })
        .optional()
        .describe('Where alarms are e-mailed (SNS asks the address to confirm). @default no subscription: alarms go to the topic only'),
    },
    { error: 'must be an object — write { "email": "ops@example.com" }' },
  )
  .default({})
  .describe('Who is told when an alarm fires.');

export const logsSchema = z
  .strictObject(
    {
      retentionDays: z
        .int({ error: `must be a whole number — use one of ${LOG_RETENTION_DAYS.join(', ')}` })
        .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
          error: `is not a retention CloudWatch Logs accepts — use one of ${LOG_RETENTION_DAYS.join(', ')}`,
        })
        .default(OPERATIONS_DEFAULTS.logRetentionDays)
        .describe("Days CloudWatch Logs keeps the server's logs (one of CloudWatch's retention values)."),
    },
    { error: 'must be an object — write { "retentionDays": 90 }' },
  )
  .default({ retentionDays: OPERATIONS_DEFAULTS.logRetentionDays })
  .describe("The server's logs in CloudWatch Logs.");

export const backupSchema = z
  .strictObject(
    {
      retainDays: int('backup.retainDays', 1, 1000)
        .default(OPERATIONS_DEFAULTS.backupRetainDays)
        .describe('Daily snapshots of the data volume are kept this many days (one a day).'),
    },
    { error: 'must be an object — write { "retainDays": 14 }' },
  )
  .default({ retainDays: OPERATIONS_DEFAULTS.backupRetainDays })
  .describe('Daily snapshots of the data volume.');

export const banSchema = z
  .strictObject(
    {
      maxRetry: int('ban.maxRetry', 1, 100)
        .default(OPERATIONS_DEFAULTS.banMaxRetry)
        .describe('Failed logins from one address within findTimeSeconds that get it banned.'),
      findTimeSeconds: int('ban.findTimeSeconds', 10, 604800)
        .default(OPERATIONS_DEFAULTS.banFindTimeSeconds)
        .describe('The window failed logins are counted in.'),
      banTimeSeconds: int('ban.banTimeSeconds', 10, 31536000)
        .default(OPERATIONS_DEFAULTS.banTimeSeconds)
        .describe('How long a banned address gets no answer on the control port and the passive range.'),
      ignoreCidrs: z
        .array(cidr, { error: 'must be a list of CIDRs — write e.g. ["198.51.100.7/32"]' })
        .max(50, { error: 'has too many entries — at most 50' })
        .default([])
        .describe('Admin ranges never banned (loopback never is).'),
    },
    { error: 'must be an object — write { "maxRetry": 5, "findTimeSeconds": 600, "banTimeSeconds": 3600 }' },
  )
  .default({
    maxRetry: OPERATIONS_DEFAULTS.banMaxRetry,
    findTimeSeconds: OPERATIONS_DEFAULTS.banFindTimeSeconds,
    banTimeSeconds: OPERATIONS_DEFAULTS.banTimeSeconds,
    ignoreCidrs: [],
  })
  .describe('fail2ban: addresses that keep failing to log in are dropped at the host firewall.');

export const updatesSchema = z
  .strictObject(
    {
      rebootWindow: z
        .string({ error: 'must be a string — write e.g. "Sun 03:00"' })
        .regex(REBOOT_WINDOW, {
          error: 'is not a reboot window — write "<Mon|Tue|Wed|Thu|Fri|Sat|Sun|daily> HH:MM" (UTC), e.g. "Sun 03:00"',
        })
        .default(OPERATIONS_DEFAULTS.rebootWindow)
        .describe('When the server may reboot for an update that needs it: "<day|daily> HH:MM", UTC.'),
    },
    { error: 'must be an object — write { "rebootWindow": "Sun 03:00" }' },
  )
  .default({ rebootWindow: OPERATIONS_DEFAULTS.rebootWindow })
  .describe('Security updates apply themselves; reboots wait for the window.');
