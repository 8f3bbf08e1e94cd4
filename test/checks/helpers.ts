import { TerraformStack } from 'cdktf';
import { buildModel } from '../../lib/model';
import { Rule, RuleFinding } from '../../lib/checks/types';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { FtpAlarms } from '../../lib/constructs/alarms';
import { FtpAllowList } from '../../lib/constructs/allow-list';
import { FtpDataVolume } from '../../lib/constructs/data-volume';
import { FtpElasticIp } from '../../lib/constructs/elastic-ip';
import { FtpInstance } from '../../lib/constructs/instance';
import { FtpLogGroup } from '../../lib/constructs/log-group';
import { FtpSecurityGroup } from '../../lib/constructs/security-group';
import { FtpServer } from '../../lib/constructs/server';
import { dataDiskMetricDimensions, logGroupNameOf, metricNamespaceOf } from '../../lib/render/cloudwatch-agent';
import { DEFAULT_LAYOUT } from '../../lib/render/layout';
import { renderUserData } from '../../lib/render/user-data';
import { Block, config, synth } from '../constructs/helpers';

/** A hardened server, every field the rules read written out (DEFAULTS may change). */
export const SERVER_INPUT: FtpKitConfigInput = {
  name: 'ftp',
  region: 'us-east-1',
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50049 },
  allow: [{ cidr: '198.51.100.0/24', description: 'partner A' }, '2001:db8::/32'],
  users: [
    { name: 'alice', write: true },
    { name: 'bob', write: false },
  ],
};
export const CONTROL = 2121;
export const PASSIVE = { from: 50000, to: 50049 } as const;

/** The synthesized JSON of FtpServer built from `input`. */
export function serverJson(input: FtpKitConfigInput = SERVER_INPUT): Block {
  return synth((stack) => new FtpServer(stack, 'Server', { config: config(input) })).json;
}

/** A deep copy of `json` changed by `edit`: a stack widened or weakened after synth. */
export function edited(json: Block, edit: (copy: Block) => void): Block {
  const copy = structuredClone(json);
  edit(copy);
  return copy;
}

/** The one resource of a type whose name contains `part` (its body, editable in place). */
export function resourceOf(json: Block, type: string, part = ''): Block {
  const matches = Object.entries(json.resource?.[type] ?? {}).filter(([name]) => name.includes(part));
  if (matches.length !== 1) throw new Error(`expected one ${type} matching "${part}", found ${matches.length}`);
  return matches[0][1] as Block;
}

/** The name of that resource. */
export function nameOf(json: Block, type: string, part = ''): string {
  const names = Object.keys(json.resource?.[type] ?? {}).filter((name) => name.includes(part));
  if (names.length !== 1) throw new Error(`expected one ${type} matching "${part}", found ${names.length}`);
  return names[0];
}

/** Sets (or, with undefined, removes) a line of the recorded vsftpd.conf, the way a hand edit of user-data would. */
export function setVsftpd(json: Block, key: string, value: string | undefined): void {
  const record = resourceOf(json, 'terraform_data');
  const lines = (record.input.vsftpd_conf as string).split('\n').filter((l) => !l.startsWith(`${key}=`));
  if (value !== undefined) lines.splice(lines.length - 1, 0, `${key}=${value}`);
  record.input.vsftpd_conf = lines.join('\n');
}

/** Runs one rule over a synthesized stack or a plan. */
export function check(rule: Rule, json: unknown): RuleFinding[] {
  return rule.check(buildModel(json));
}

export interface PartsProps {
  /** Config the user-data is rendered from. @default SERVER_INPUT */
  readonly userDataInput?: FtpKitConfigInput;
  /** Passive range the security group opens. @default the user-data config's */
  readonly groupPassivePorts?: { from: number; to: number };
  /** pasv_address in user-data: `eip` (the Elastic IP), or a literal. @default 'eip' */
  readonly publicAddress?: 'eip' | string;
  /** Associate the Elastic IP with the instance. @default true */
  readonly associate?: boolean;
  /** FtpDataVolume.finalSnapshot. @default true */
  readonly finalSnapshot?: boolean;
}

/**
 * A server composed from the lower-level constructs (as a user's own stack would), so a test can
 * build what FtpServer never does: a group and a vsftpd.conf that disagree, a literal pasv_address...
 */
export function partsStack(props: PartsProps = {}): (stack: TerraformStack) => void {
  return (stack) => {
    const cfg = config(props.userDataInput ?? SERVER_INPUT);
    const allow = new FtpAllowList(stack, 'Allow', { name: cfg.name, allow: cfg.allow });
    const group = new FtpSecurityGroup(stack, 'Group', {
      name: cfg.name,
      vpcId: 'vpc-0123456789abcdef0',
      controlPort: cfg.controlPort,
      passivePorts: props.groupPassivePorts ?? cfg.passivePorts,
      prefixListIds: allow.prefixListIds,
    });
    const eip = new FtpElasticIp(stack, 'Ip', { name: cfg.name });
    const volume = new FtpDataVolume(stack, 'Data', {
      name: cfg.name,
      availabilityZone: 'us-east-1a',
      sizeGiB: 10,
      finalSnapshot: props.finalSnapshot,
    });
    const publicAddress = (props.publicAddress ?? 'eip') === 'eip' ? eip.publicIp : props.publicAddress!;
    const instance = new FtpInstance(stack, 'Instance', {
      name: cfg.name,
      instanceType: cfg.instance.type,
      arch: cfg.instance.arch,
      subnetId: 'subnet-0123456789abcdef0',
      securityGroupIds: [group.securityGroupId],
      instanceProfileName: 'ftp-profile',
      userData: renderUserData(cfg, {
        publicAddress,
        dataVolumeId: volume.volumeId,
        secretArns: Object.fromEntries(
          cfg.users.map((u) => [u.name, `arn:aws:secretsmanager:us-east-1:111122223333:secret:ftp/${u.name}`]),
        ),
      }),
    });
    if (props.associate ?? true) eip.associate(instance.instanceId);
    volume.attach(instance.instanceId);
    const logs = new FtpLogGroup(stack, 'Logs', {
      name: cfg.name,
      region: cfg.region,
      accountId: '111122223333',
      logGroupName: logGroupNameOf(cfg),
      retentionDays: 90,
      metricNamespace: metricNamespaceOf(cfg),
    });
    new FtpAlarms(stack, 'Alarms', {
      name: cfg.name,
      region: cfg.region,
      accountId: '111122223333',
      instanceId: instance.instanceId,
      kmsKeyArn: logs.kmsKeyArn,
      metricNamespace: logs.metricNamespace,
      dataDiskDimensions: dataDiskMetricDimensions(DEFAULT_LAYOUT),
    });
  };
}

/** The synthesized JSON of partsStack(props). */
export function partsJson(props: PartsProps = {}): Block {
  return synth(partsStack(props)).json;
}
