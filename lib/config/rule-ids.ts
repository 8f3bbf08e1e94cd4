/**
 * The ids of the policy rules (lib/checks), known here so that the config refuses an `acknowledge`
 * entry naming no rule in every verb, before anything is written (lib/config cannot import
 * lib/checks; test/config/rule-ids.test.ts keeps the two lists equal).
 */
export const KNOWN_RULE_IDS = [
  'FTPKIT-PASSIVE-RANGE-DRIFT',
  'FTPKIT-PASV-ADDRESS',
  'FTPKIT-PUBLIC-INGRESS',
  'FTPKIT-SSH-INGRESS',
  'FTPKIT-UNEXPECTED-PORT',
  'FTPKIT-TLS-NOT-FORCED',
  'FTPKIT-ANONYMOUS',
  'FTPKIT-WRITABLE-CHROOT',
  'FTPKIT-SSL-REUSE',
  'FTPKIT-IMDSV1',
  'FTPKIT-UNENCRYPTED-VOLUME',
  'FTPKIT-SECRET-IN-CONFIG',
  'FTPKIT-DATA-VOLUME-UNPROTECTED',
  'FTPKIT-DESTRUCTIVE-CHANGE',
  'FTPKIT-ECS-LISTENERS',
  'FTPKIT-ECS-TASK-INGRESS',
  'FTPKIT-ECS-PUBLIC-IP',
  'FTPKIT-EFS-UNENCRYPTED',
  'FTPKIT-ECR-MUTABLE-TAGS',
  'FTPKIT-LOGS-UNENCRYPTED',
  'FTPKIT-NO-FAILED-LOGIN-ALARM',
] as const;
