/*
 * Policy rules over a Terraform configuration, synthesized or planned. Pure: no cdktf here (the
 * synth-time Aspect lives in ./aspect, imported only where cdktf is loaded anyway).
 */
import { rule as anonymousFtp } from './anonymous-ftp';
import { rule as dataVolumeProtection } from './data-volume-protection';
import { rule as destructiveChange } from './destructive-change';
import { rule as ecrMutableTags } from './ecr-mutable-tags';
import { rule as ecsListeners } from './ecs-listeners';
import { rule as ecsPublicIp } from './ecs-public-ip';
import { rule as ecsTaskIngress } from './ecs-task-ingress';
import { rule as efsUnencrypted } from './efs-unencrypted';
import { rule as imdsv1 } from './imdsv1';
import { rule as logsUnencrypted } from './logs-unencrypted';
import { rule as noFailedLoginAlarm } from './no-failed-login-alarm';
import { rule as passiveRangeDrift } from './passive-range-drift';
import { rule as pasvAddress } from './pasv-address';
import { rule as publicIngress } from './public-ingress';
import { rule as secretsInConfig } from './secrets-in-config';
import { rule as sshIngress } from './ssh-ingress';
import { rule as sslReuse } from './ssl-reuse';
import { rule as tlsNotForced } from './tls-not-forced';
import { rule as unencryptedVolume } from './unencrypted-volume';
import { rule as unexpectedPort } from './unexpected-port';
import { rule as writableChroot } from './writable-chroot';
import { Rule } from './types';

/** Every rule, in the order reports list them. */
export const RULES: readonly Rule[] = [
  passiveRangeDrift,
  pasvAddress,
  publicIngress,
  sshIngress,
  unexpectedPort,
  tlsNotForced,
  anonymousFtp,
  writableChroot,
  sslReuse,
  imdsv1,
  unencryptedVolume,
  secretsInConfig,
  dataVolumeProtection,
  destructiveChange,
  ecsListeners,
  ecsTaskIngress,
  ecsPublicIp,
  efsUnencrypted,
  ecrMutableTags,
  logsUnencrypted,
  noFailedLoginAlarm,
];

/** The rule with an id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export * from '../model';
export * from './run';
export * from './types';
