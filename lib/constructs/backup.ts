import { Construct } from 'constructs';
import { DlmLifecyclePolicy } from '@cdktf/provider-aws/lib/dlm-lifecycle-policy';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { partitionOf } from './partition';

/** The tag DLM finds the data volume by. */
export const BACKUP_TAG_KEY = 'ftp-kit:backup';

export interface FtpBackupProps {
  readonly name: string;
  readonly region: string;
  /** Days each daily snapshot is kept. */
  readonly retainDays: number;
  /**
   * Tag this volume here (an existing volume ftp-kit does not manage); a volume the stack makes
   * carries `backupTag` in its own tags instead (a second tag resource would fight its tags).
   * @default none
   */
  readonly tagVolumeId?: string;
  /** When the daily snapshot starts (UTC, HH:MM). @default '01:00' */
  readonly time?: string;
}

/**
 * Daily snapshots of the data volume by Data Lifecycle Manager, each kept `retainDays`: the files
 * survive a lost instance or a bad delete. DLM finds the volume by `backupTag` and acts through a
 * role of its own with AWS's DLM service policy.
 *
 * Construct IDs: `Role`, `RolePolicy`, `Policy`, `VolumeTag` (with `tagVolumeId`).
 */
export class FtpBackup extends Construct {
  /** key → value the data volume must carry. */
  public readonly backupTag: Readonly<Record<string, string>>;
  public readonly policyArn: string;

  constructor(scope: Construct, id: string, props: FtpBackupProps) {
    super(scope, id);
    this.backupTag = { [BACKUP_TAG_KEY]: `${props.name}-data` };
    if (props.tagVolumeId !== undefined) {
      new Ec2Tag(this, 'VolumeTag', { resourceId: props.tagVolumeId, key: BACKUP_TAG_KEY, value: this.backupTag[BACKUP_TAG_KEY] });
    }
    const role = new IamRole(this, 'Role', {
      namePrefix: `${props.name}-ftp-dlm-`,
      description: `ftp-kit ${props.name}: Data Lifecycle Manager snapshots the data volume`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'dlm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    new IamRolePolicyAttachment(this, 'RolePolicy', {
      role: role.name,
      policyArn: `arn:${partitionOf(props.region)}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole`,
    });
    const policy = new DlmLifecyclePolicy(this, 'Policy', {
      // DLM allows only letters, digits, spaces, _ and - here.
      description: `ftp-kit ${props.name} daily snapshots of the data volume kept ${props.retainDays} days`,
      executionRoleArn: role.arn,
      state: 'ENABLED',
      policyDetails: {
        policyType: 'EBS_SNAPSHOT_MANAGEMENT',
        resourceTypes: ['VOLUME'],
        targetTags: { ...this.backupTag },
        schedule: [
          {
            name: 'daily',
            copyTags: true,
            createRule: { interval: 24, intervalUnit: 'HOURS', times: [props.time ?? '01:00'] },
            retainRule: { interval: props.retainDays, intervalUnit: 'DAYS' },
            tagsToAdd: { 'ftp-kit:snapshot': 'daily' },
          },
        ],
      },
    });
    this.policyArn = policy.arn;
  }
}
