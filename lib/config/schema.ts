import { z } from 'zod';
import { parseCidr, PUBLIC_UNION_PREFIX, publicFamilies } from './cidr';
import { KNOWN_RULE_IDS } from './rule-ids';
import { alertsSchema, backupSchema, banSchema, logsSchema, updatesSchema } from './operations';
import { RESERVED_USER_NAMES } from './reserved-users';
import { tlsSchema } from './tls';

export { TLS_MODES } from './tls';

/*
 * The one source of truth. Every message of a custom rule is written as `problem — fix`, so the
 * loader can print `field: value — problem — fix` for each of them.
 */

const MAX_PASSIVE_PORTS = 1000;

/** Ports per session the passive range must offer (README sizing, `npm run bench`). */
export const PASSIVE_PORTS_PER_SESSION = 3;

/** FTP server software a banner must not name: telling a scanner what runs here is half its work. */
const SOFTWARE_NAMES = new RegExp(
  [
    'vs-?ftpd',
    'pro-?ftpd',
    'pure-?ftpd',
    'wu-?ftpd',
    'gl-?ftpd',
    'bftpd',
    'ncftpd',
    'filezilla',
    'serv-?u',
    'crush-?ftp',
    'titan-?ftp',
    'cerberus',
    '\\bftpd\\b',
  ].join('|'),
  'i',
);

/**
 * A Network Load Balancer has at most 50 listeners, a quota AWS does not raise. Target "ecs" needs
 * one listener per passive port plus the control port.
 */
export const NLB_MAX_LISTENERS = 50;

export const DEFAULTS = {
  name: 'ftp',
  region: 'us-east-1',
  target: 'ec2',
  controlPort: 21,
  // Sized by `npm run bench` (docs/benchmarks.md): vsftpd tries 9 random passive ports and gives up,
  // so S sessions opening data connections at once in N ports fail a PASV with odds (S/N)^9; three
  // ports per session (maxClients 200) keeps that under 1 in 19,000 at the busiest instant.
  passivePorts: { from: 40000, to: 40599 },
  instanceType: 't4g.small',
  storageSizeGiB: 20,
  banner: 'Authorized access only. Activity is logged.',
  maxClients: 200,
  maxPerIp: 10,
  maxLoginFails: 3,
  failedLoginDelaySeconds: 3,
  idleSessionTimeoutSeconds: 300,
  dataConnectionTimeoutSeconds: 120,
} as const;

/** The instance families whose types run on Graviton (arm64): the family name carries a `g` after the generation. */
export function archOfInstanceType(type: string): 'arm64' | 'x86_64' {
  const family = type.split('.')[0];
  return /^[a-z]+\d+[a-z-]*g/.test(family) ? 'arm64' : 'x86_64';
}

const port = (what: string) =>
  z
    .int({ error: `must be a whole number — set ${what} to a TCP port number` })
    .min(1, { error: 'is not a TCP port — use 1–65535' })
    .max(65535, { error: 'is not a TCP port — use 1–65535' });

const passivePort = z
  .int({ error: 'must be a whole number — use a port number in 1024–65535' })
  .min(1024, { error: 'is a privileged port — passive ports must lie in 1024–65535' })
  .max(65535, { error: 'is not a TCP port — passive ports must lie in 1024–65535' });

const cidrText = z
  .string({ error: 'must be a CIDR string — write e.g. "198.51.100.0/24" or "2001:db8::/32"' })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message:
          'is not a valid IPv4 or IPv6 CIDR — write an address and a prefix ' +
          'length, e.g. "198.51.100.0/24", "203.0.113.7/32" or "2001:db8::/32"',
      });
    } else if (parsed.hasHostBits) {
      ctx.addIssue({
        code: 'custom',
        message:
          `has host bits set — write "${parsed.network}" (the network), or ` +
          `"${parsed.address}/${parsed.version === 4 ? 32 : 128}" for that one ` +
          `host`,
      });
    }
  });

const allowEntry = z.preprocess(
  (value) => (typeof value === 'string' ? { cidr: value } : value),
  z.strictObject(
    {
      cidr: cidrText,
      /** Who this range belongs to: shown in the prefix list and in reviews. */
      description: z
        .string()
        .regex(/^[\x20-\x7e]{1,255}$/, { error: 'must be 1–255 printable ASCII characters — shorten it or remove special characters' })
        .optional()
        .describe('Who this range belongs to: shown in the prefix list and in reviews.'),
    },
    { error: 'must be a CIDR string or { cidr, description } — write e.g. "198.51.100.0/24"' },
  ),
);

const userName = z
  .string({ error: 'must be a string — use a lowercase name such as "partner1"' })
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: 'is not a valid user name — start with a lowercase letter, then up to 31 of a-z 0-9 _ -' })
  .refine((name) => !RESERVED_USER_NAMES.has(name), {
    error: "is a reserved system account name — choose another name, e.g. prefix it with your partner's name",
  });

const user = z.strictObject(
  {
    name: userName,
    /** May this user upload, rename and delete in `files/`? */
    write: z
      .boolean({ error: 'must be true or false — set write: true to allow uploads' })
      .default(false)
      .describe('May this user upload, rename and delete in `files/`?'),
  },
  { error: 'must be an object — write { "name": "partner1", "write": true }' },
);

const acknowledgement = z.strictObject({
  rule: z
    .string()
    .regex(/^FTPKIT-[A-Z0-9-]+$/, { error: 'is not a rule id — use the id a finding printed, e.g. "FTPKIT-PUBLIC-INGRESS"' })
    .refine((id) => (KNOWN_RULE_IDS as readonly string[]).includes(id), {
      error: `is not a known rule — use one of: ${KNOWN_RULE_IDS.join(', ')}`,
    }),
  /** Only this resource's findings: its Terraform address as a finding prints it, or its construct path. */
  resource: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { error: 'is not a resource — use the address a finding printed, e.g. "aws_ebs_volume.data"' })
    .optional()
    .describe(
      'Accept only the findings of this resource (the Terraform address a finding printed, or its construct path);' +
        ' without it, every finding of the rule.',
    ),
  reason: z
    .string()
    .min(10, { error: 'is too short — write why this finding is accepted (at least 10 characters)' })
    .regex(/^[\x20-\x7e]+$/, { error: 'must be one line of printable ASCII — remove line breaks' }),
});

// AWS's tag rules (EC2): keys 1–128 and values 0–256 of letters, digits, space, _ . : / = + - @; no `aws:` keys.
const TAG_CHARACTERS = 'letters, digits, space and _ . : / = + - @ (no line breaks or control characters)';
const tagKey = z
  .string()
  .regex(/^[\w .:/=+@-]{1,128}$/, { error: `is not a valid tag key — use 1–128 of ${TAG_CHARACTERS}` })
  .refine((key) => !/^aws:/i.test(key), { error: 'starts with "aws:", which AWS reserves for its own tags — rename the key' })
  .refine((key) => key !== 'ftp-kit:stack', { error: 'is the tag ftp-kit sets itself — rename the key' });
const tagValue = z
  .string({ error: 'must be a string — quote the value, e.g. "ops"' })
  .regex(/^[\w .:/=+@-]{0,256}$/, { error: `is not a valid tag value — use 0–256 of ${TAG_CHARACTERS}` });

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Stack name, resource name prefix and tag. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, { error: 'is not a valid name — use 2–24 of a-z 0-9 -, starting with a letter' })
    .default(DEFAULTS.name)
    .describe('Stack name, resource name prefix and tag.'),
  /** AWS region to deploy into. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
      error: 'is not an AWS region — use a region code such as "us-east-1" or "eu-central-1"',
    })
    .default(DEFAULTS.region)
    .describe('AWS region to deploy into.'),
  /** Where the server runs: `ec2` deploys to AWS; `local` is the preview on this machine. */
  target: z
    .enum(['ec2', 'ecs', 'local'], {
      error: 'is not a known target — use "ec2" (AWS VM), "ecs" (AWS Fargate container) or "local" (preview on this machine)',
    })
    .default('ec2')
    .describe(
      'Where the server runs: `ec2` deploys a VM to AWS; `ecs` a Fargate container behind a Network Load Balancer; ' +
        '`local` is the preview on this machine.',
    ),
  /** FTP control port. */
  controlPort: port('controlPort').default(DEFAULTS.controlPort).describe('FTP control port.'),
  /** Passive data port range: opened in the security group and the host firewall, and set as pasv_min_port/pasv_max_port. */
  passivePorts: z
    .strictObject({ from: passivePort, to: passivePort }, { error: 'must be an object — write { "from": 40000, "to": 40599 }' })
    .default({ ...DEFAULTS.passivePorts })
    .describe('Passive data port range: opened in the security group and the host firewall, and set as pasv_min_port/pasv_max_port.'),
  /** Source CIDRs (IPv4 or IPv6) that may connect. Strings, or { cidr, description }. */
  allow: z
    .array(allowEntry, { error: 'is required — list the CIDRs of the networks that may connect, e.g. ["198.51.100.0/24"]' })
    .min(1, { error: 'is empty — list at least one CIDR that may connect, e.g. ["198.51.100.0/24"]' })
    .max(100, { error: 'has too many entries — merge ranges; at most 100' })
    .describe('Source CIDRs (IPv4 or IPv6) that may connect. Strings, or { cidr, description }.'),
  /** Permit 0.0.0.0/0 or ::/0 in `allow`: the server is then reachable by the whole internet. */
  allowPublic: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .describe('Permit 0.0.0.0/0 or ::/0 in `allow`: the server is then reachable by the whole internet.'),
  /** Virtual FTP users. Passwords are generated on the server, never in the config. */
  users: z
    .array(user, { error: 'is required — list at least one user, e.g. [{ "name": "partner1", "write": true }]' })
    .min(1, { error: 'is empty — add at least one user, e.g. [{ "name": "partner1", "write": true }]' })
    .max(100, { error: 'has too many users — at most 100' })
    .describe('Virtual FTP users. Passwords are generated on the server, never in the config.'),
  tls: tlsSchema,
  instance: z
    .strictObject({
      /** EC2 instance type. */
      type: z
        .string()
        .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: 'is not an EC2 instance type — use e.g. "t4g.small" or "t3.small"' })
        .default(DEFAULTS.instanceType)
        .describe('EC2 instance type.'),
      /** CPU architecture; derived from the type when absent. */
      arch: z
        .enum(['arm64', 'x86_64'], { error: 'is not an architecture — use "arm64" or "x86_64"' })
        .optional()
        .describe('CPU architecture; derived from the type when absent.'),
    })
    .default({ type: DEFAULTS.instanceType })
    .describe('The EC2 instance.'),
  storage: z
    .strictObject({
      /** Size of the separate, encrypted data volume that holds the users' files. */
      sizeGiB: z
        .int({ error: 'must be a whole number of GiB' })
        .min(1, { error: 'is too small — use at least 1 GiB' })
        .max(16384, { error: 'is too large — gp3 volumes hold at most 16384 GiB' })
        .default(DEFAULTS.storageSizeGiB)
        .describe("Size of the separate, encrypted data volume that holds the users' files."),
      /** An existing volume to attach instead of making one: the one `ftp-kit destroy` kept. */
      volumeId: z
        .string()
        .regex(/^vol-[0-9a-f]{8}([0-9a-f]{9})?$/, {
          error: 'is not a volume id — use the form "vol-0123456789abcdef0" (`ftp-kit destroy` prints the one it kept)',
        })
        .optional()
        .describe(
          'An existing EBS volume to attach instead of making one (the one `ftp-kit destroy` kept); needs availabilityZone, its zone.',
        ),
    })
    .default({ sizeGiB: DEFAULTS.storageSizeGiB })
    .describe('The data volume.'),
  /** One line shown before login. It must not name the server software. */
  banner: z
    .string({ error: 'must be a string' })
    .max(200, { error: 'is longer than 200 characters — shorten it' })
    .regex(/^[\x20-\x7e]*$/, { error: 'must be one line of printable ASCII — remove line breaks, tabs and non-ASCII characters' })
    // vsftpd 3.0.3 segfaults on an all-space banner and names itself and its version on an empty one.
    .regex(/[!-~]/, { error: 'has no visible character — write a line such as "Authorized access only. Activity is logged."' })
    .refine((text) => !SOFTWARE_NAMES.test(text), {
      error: 'names FTP server software — the banner must not tell scanners what runs here; remove the name',
    })
    // The banner reaches the stack inside rendered files, whose cdktf tokens stay live: it must not spell one.
    .refine((text) => !text.includes('TfToken['), {
      error: 'holds "TfToken[", which the Terraform library reserves for references — remove it',
    })
    .default(DEFAULTS.banner)
    .describe('One line shown before login. It must not name the server software.'),
  /** Existing subnet to place the server in; otherwise ftp-kit makes a VPC with one public subnet. */
  subnetId: z
    .string()
    .regex(/^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/, { error: 'is not a subnet id — use the form "subnet-0123456789abcdef0"' })
    .optional()
    .describe('Existing subnet to place the server in; otherwise ftp-kit makes a VPC with one public subnet.'),
  /** VPC of `subnetId` (no lookup: plans run offline). */
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, { error: 'is not a VPC id — use the form "vpc-0123456789abcdef0"' })
    .optional()
    .describe('VPC of subnetId; required with it (no lookup: plans run offline).'),
  /** Zone of the subnet and the data volume. */
  availabilityZone: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, { error: 'is not an availability zone — use e.g. "us-east-1a"' })
    .optional()
    .describe('Zone of the server, its subnet and its data volume. @default <region>a; required with subnetId or storage.volumeId'),
  limits: z
    .strictObject({
      maxClients: z
        .int()
        .min(1)
        .max(10000, { error: 'is too high — at most 10000' })
        .default(DEFAULTS.maxClients)
        .describe('vsftpd max_clients: concurrent sessions in all.'),
      maxPerIp: z
        .int()
        .min(1)
        .max(1000)
        .default(DEFAULTS.maxPerIp)
        .describe('vsftpd max_per_ip: concurrent sessions from one address (partners behind one NAT share it).'),
      maxLoginFails: z
        .int()
        .min(1)
        .max(10)
        .default(DEFAULTS.maxLoginFails)
        .describe('vsftpd max_login_fails: wrong passwords before the connection is closed.'),
      failedLoginDelaySeconds: z
        .int()
        .min(1)
        .max(30)
        .default(DEFAULTS.failedLoginDelaySeconds)
        .describe('vsftpd delay_failed_login: seconds before a wrong password is answered.'),
      idleSessionTimeoutSeconds: z
        .int()
        .min(30)
        .max(7200)
        .default(DEFAULTS.idleSessionTimeoutSeconds)
        .describe('vsftpd idle_session_timeout.'),
      dataConnectionTimeoutSeconds: z
        .int()
        .min(10)
        .max(3600)
        .default(DEFAULTS.dataConnectionTimeoutSeconds)
        .describe('vsftpd data_connection_timeout.'),
    })
    .describe('Session limits and brute-force damping.')
    .default({
      maxClients: DEFAULTS.maxClients,
      maxPerIp: DEFAULTS.maxPerIp,
      maxLoginFails: DEFAULTS.maxLoginFails,
      failedLoginDelaySeconds: DEFAULTS.failedLoginDelaySeconds,
      idleSessionTimeoutSeconds: DEFAULTS.idleSessionTimeoutSeconds,
      dataConnectionTimeoutSeconds: DEFAULTS.dataConnectionTimeoutSeconds,
    }),
  /** Where Terraform keeps its state. */
  state: z
    .discriminatedUnion(
      'backend',
      [
        z.strictObject({
          backend: z.literal('local'),
          path: z
            .string()
            .regex(/^[A-Za-z0-9._/-]+$/, { error: 'is not a plain file path — use letters, digits, . _ - /' })
            .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), {
              error: 'leaves the working folder — use a path inside it, e.g. "state/terraform.ftp.tfstate"',
            })
            .optional()
            .describe('State file. @default terraform.<name>.tfstate in the working folder'),
        }),
        z
          .strictObject({
            backend: z.literal('s3'),
            bucket: z
              .string()
              .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'is not an S3 bucket name — use 3–63 of a-z 0-9 . -' })
              .describe('S3 bucket of the state (versioning on, please).'),
            key: z
              .string()
              .regex(/^[A-Za-z0-9!_.*'()/-]{1,1024}$/, { error: 'is not an S3 key — use letters, digits and / . _ -' })
              .optional()
              .describe('Object key. @default ftp-kit/<name>.tfstate'),
            region: z
              .string()
              .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { error: 'is not an AWS region' })
              .optional()
              .describe('Bucket region. @default the config region'),
          })
          .describe('S3 state with S3-native locking (use_lockfile) and encryption.'),
      ],
      { error: 'is not a known state backend — use { "backend": "local" } or { "backend": "s3", "bucket": "…" }' },
    )
    .default({ backend: 'local' })
    .describe('Where Terraform keeps its state: local (default) or S3 with locking.'),
  /** Findings of policy rules accepted on purpose, each with a written reason. */
  acknowledge: z.array(acknowledgement).default([]).describe('Findings of policy rules accepted on purpose, each with a written reason.'),
  /** Operations (issue 14): alarms, logs off the box, snapshots, fail2ban, updates. */
  alerts: alertsSchema,
  logs: logsSchema,
  backup: backupSchema,
  ban: banSchema,
  updates: updatesSchema,
  /** Tags put on every AWS resource. */
  tags: z
    .record(tagKey, tagValue, { error: 'must be an object — write { "team": "ops" }' })
    // One of AWS's 50 tags a resource is ftp-kit's own `ftp-kit:stack`.
    .refine((tags) => Object.keys(tags).length <= 49, {
      error: 'has more than 49 tags — AWS allows 50 a resource and ftp-kit sets one; drop some',
    })
    .default({})
    .describe('Tags put on every AWS resource.'),
});

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const asObject = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export interface CrossFieldIssue {
  readonly path: (string | number)[];
  readonly input: unknown;
  readonly message: string;
}

/**
 * Rules that relate fields to each other. They read the raw input defensively (defaults filled in)
 * so that they report even when other fields are malformed: the user gets every problem at once.
 */
export function crossFieldIssues(raw: unknown): CrossFieldIssue[] {
  const config = asObject(raw);
  const issues: CrossFieldIssue[] = [];
  const passive = asObject(config.passivePorts ?? DEFAULTS.passivePorts);
  const { from, to } = passive;
  const controlPort = config.controlPort ?? DEFAULTS.controlPort;
  if (isInt(from) && isInt(to)) {
    if (from > to) {
      issues.push({
        path: ['passivePorts'],
        input: { from, to },
        message: `from (${from}) is greater than to (${to}) — swap them: { "from": ${to}, "to": ${from} }`,
      });
    } else if (to - from + 1 > MAX_PASSIVE_PORTS) {
      issues.push({
        path: ['passivePorts'],
        input: { from, to },
        message:
          `spans ${to - from + 1} ports — use at most ${MAX_PASSIVE_PORTS}, ` +
          `e.g. { "from": ${from}, "to": ${from + MAX_PASSIVE_PORTS - 1} }`,
      });
    }
    if (config.target === 'ecs' && from <= to && to - from + 2 > NLB_MAX_LISTENERS) {
      const fit = NLB_MAX_LISTENERS - 1;
      issues.push({
        path: ['passivePorts'],
        input: { from, to },
        message:
          `needs ${to - from + 2} listeners with the control port, and a Network Load Balancer has at most ` +
          `${NLB_MAX_LISTENERS} (target "ecs") — ` +
          `use at most ${fit} passive ports, e.g. { "from": ${from}, "to": ${from + fit - 1} }, or target "ec2" for a larger range`,
      });
    }
    if (isInt(controlPort) && controlPort >= Math.min(from, to) && controlPort <= Math.max(from, to)) {
      issues.push({
        path: ['controlPort'],
        input: controlPort,
        message: `lies inside the passive range ${from}–${to} — move controlPort out of it (e.g. 21) or move the passive range`,
      });
    }
  }
  if (Array.isArray(config.allow) && config.allowPublic !== true) {
    const cidrs = config.allow
      .map((entry) => (typeof entry === 'string' ? entry : asObject(entry).cidr))
      .filter((c): c is string => typeof c === 'string');
    const fix = 'list your partners\' CIDRs instead, or set "allowPublic": true if that is really intended';
    let alone = false;
    cidrs.forEach((cidr, i) => {
      if (publicFamilies([cidr]).length === 0) return;
      alone = true;
      const measure = `a /${PUBLIC_UNION_PREFIX[4]} of IPv4 or a /${PUBLIC_UNION_PREFIX[6]} of IPv6`;
      issues.push({ path: ['allow', i], input: cidr, message: `spans ${measure} or more, which counts as public exposure — ${fix}` });
    });
    const families = publicFamilies(cidrs);
    if (!alone && families.length > 0) {
      const measure = `a /${PUBLIC_UNION_PREFIX[families[0]]} of IPv${families[0]}`;
      issues.push({
        path: ['allow'],
        input: cidrs,
        message: `together cover at least ${measure}, which counts as public exposure — ${fix}`,
      });
    }
  }
  issues.push(...limitIssues(config));
  if (Array.isArray(config.users)) {
    const seen = new Set<unknown>();
    config.users.forEach((u, i) => {
      const name = asObject(u).name;
      if (typeof name === 'string' && seen.has(name))
        issues.push({
          path: ['users', i, 'name'],
          input: name,
          message: 'is listed twice — user names must be unique; remove or rename one',
        });
      seen.add(name);
    });
  }
  const instance = asObject(config.instance);
  const type = typeof instance.type === 'string' ? instance.type : DEFAULTS.instanceType;
  if (typeof instance.arch === 'string' && ['arm64', 'x86_64'].includes(instance.arch) && instance.arch !== archOfInstanceType(type)) {
    issues.push({
      path: ['instance', 'arch'],
      input: instance.arch,
      message: `does not match instance type ${type} (${archOfInstanceType(type)}) — set arch to "${archOfInstanceType(type)}" or omit it`,
    });
  }
  const zone = config.availabilityZone;
  const region = typeof config.region === 'string' ? config.region : DEFAULTS.region;
  if (typeof zone === 'string' && !zone.startsWith(region)) {
    issues.push({
      path: ['availabilityZone'],
      input: zone,
      message: `is not in region ${region} — use a zone of ${region}, e.g. "${region}a"`,
    });
  }
  if (config.subnetId !== undefined) {
    if (config.vpcId === undefined)
      issues.push({
        path: ['vpcId'],
        input: undefined,
        message: `is required with subnetId — add the subnet's VPC id ("vpc-…"): ftp-kit looks nothing up, so plans run offline`,
      });
    if (zone === undefined)
      issues.push({
        path: ['availabilityZone'],
        input: undefined,
        message: 'is required with subnetId — add the subnet\'s zone, e.g. "' + region + 'a": the data volume must be in it',
      });
  } else if (config.vpcId !== undefined) {
    issues.push({
      path: ['vpcId'],
      input: config.vpcId,
      message: 'is set without subnetId — add subnetId (a public subnet of that VPC), or remove vpcId to let ftp-kit make a VPC',
    });
  }
  if (asObject(config.storage).volumeId !== undefined && zone === undefined) {
    issues.push({
      path: ['availabilityZone'],
      input: undefined,
      message: "is required with storage.volumeId — add the volume's zone: an EBS volume attaches only within its zone",
    });
  }
  if (Array.isArray(config.acknowledge)) {
    const seen = new Set<unknown>();
    config.acknowledge.forEach((ack, i) => {
      const { rule, resource } = asObject(ack);
      const key = `${String(rule)} ${String(resource ?? '')}`;
      if (typeof rule === 'string' && seen.has(key)) {
        issues.push({
          path: ['acknowledge', i, 'rule'],
          input: rule,
          message: 'is acknowledged twice — keep one entry per rule (and resource)',
        });
      }
      seen.add(key);
    });
  }
  return issues;
}

/**
 * maxClients and maxPerIp as written, else their defaults fitted to the passive range: a narrow
 * range carries fewer than 200 sessions, so the default shrinks with it instead of being refused.
 */
export function sessionLimits(raw: unknown): { maxClients: unknown; maxPerIp: unknown } {
  const config = asObject(raw);
  const limits = asObject(config.limits);
  const passive = asObject(config.passivePorts ?? DEFAULTS.passivePorts);
  const { from, to } = passive;
  const carried =
    isInt(from) && isInt(to) && to >= from ? Math.max(Math.floor((to - from + 1) / PASSIVE_PORTS_PER_SESSION), 1) : DEFAULTS.maxClients;
  const maxClients = limits.maxClients ?? Math.min(DEFAULTS.maxClients, carried);
  const maxPerIp = limits.maxPerIp ?? (isInt(maxClients) ? Math.min(DEFAULTS.maxPerIp, maxClients) : DEFAULTS.maxPerIp);
  return { maxClients, maxPerIp };
}

/** Session limits against each other and against the passive range (3 ports a session). */
function limitIssues(config: Record<string, unknown>): CrossFieldIssue[] {
  const passive = asObject(config.passivePorts ?? DEFAULTS.passivePorts);
  const issues: CrossFieldIssue[] = [];
  const { maxClients, maxPerIp } = sessionLimits(config);
  if (isInt(maxClients) && isInt(maxPerIp) && maxPerIp > maxClients) {
    issues.push({
      path: ['limits', 'maxPerIp'],
      input: maxPerIp,
      message: `is greater than limits.maxClients (${maxClients}) — lower maxPerIp to at most ${maxClients}, or raise maxClients`,
    });
  }
  const { from, to } = passive;
  if (isInt(maxClients) && isInt(from) && isInt(to) && to >= from) {
    const carried = Math.floor((to - from + 1) / PASSIVE_PORTS_PER_SESSION);
    if (maxClients > Math.max(carried, 1)) {
      const wanted = Math.min(from + maxClients * PASSIVE_PORTS_PER_SESSION - 1, 65535);
      issues.push({
        path: ['limits', 'maxClients'],
        input: maxClients,
        message:
          `is more than the passive range ${from}–${to} carries (${PASSIVE_PORTS_PER_SESSION} ports a session: ` +
          `${carried} sessions) — lower maxClients to ${Math.max(carried, 1)}, ` +
          `or widen passivePorts to { "from": ${from}, "to": ${wanted} } (at most ${MAX_PASSIVE_PORTS} ports)`,
      });
    }
  }
  return issues;
}

/** The config as written by the user (defaults optional). */
export type FtpKitConfigInput = z.input<typeof configSchema>;

type Parsed = z.output<typeof configSchema>;

/** The validated config with every default applied: what every layer consumes. */
export interface FtpKitConfig extends Omit<Parsed, 'instance' | 'allow' | '$schema'> {
  readonly instance: { readonly type: string; readonly arch: 'arm64' | 'x86_64' };
  readonly allow: ReadonlyArray<{ readonly cidr: string; readonly description?: string }>;
}
