/*
 * The package's public API (`import { FtpServer } from 'ftp-kit'`): exactly what is exported here.
 * Everything else under lib/ is private and may change in any release. Names are listed one by one,
 * never `export *`, so that a new export of an inner module does not become API by accident.
 */

// The config: one validated object that everything else is derived from.
export { ConfigError, loadConfig, validateConfig } from './config/load';
export type { ConfigProblem } from './config/load';
export { DEFAULTS } from './config/schema';
export type { FtpKitConfig, FtpKitConfigInput } from './config/schema';

// User mistakes in how a construct is used: message + construct path.
export { ValidationError } from './errors';

// The constructs, each with its props.
export { FtpAllowList } from './constructs/allow-list';
export type { AllowEntry, FtpAllowListProps } from './constructs/allow-list';
export { FtpDataVolume } from './constructs/data-volume';
export type { FtpDataVolumeProps } from './constructs/data-volume';
export { FtpElasticIp } from './constructs/elastic-ip';
export type { FtpElasticIpProps } from './constructs/elastic-ip';
export { FtpInstance } from './constructs/instance';
export type { CpuArch, FtpInstanceProps } from './constructs/instance';
export { FtpInstanceRole } from './constructs/instance-role';
export type { FtpInstanceRoleProps } from './constructs/instance-role';
export { FtpNetwork } from './constructs/network';
export type { FtpNetworkProps } from './constructs/network';
export { FtpSecurityGroup } from './constructs/security-group';
export type { FtpSecurityGroupProps } from './constructs/security-group';
export { FtpServer } from './constructs/server';
export type { FtpServerProps } from './constructs/server';
export { FtpUserSecrets } from './constructs/user-secrets';
export type { FtpUserSecretsProps } from './constructs/user-secrets';

// The stack and the app `ftp-kit synth` writes.
export { FtpKitStack } from './constructs/stack';
export type { FtpKitStackProps } from './constructs/stack';
export { addServerOutputs, buildApp, OUTPUT_NAMES } from './stack/app';
export type { BuildAppProps } from './stack/app';
export { synthesizeStack } from './stack/synth';
export type { SynthOptions, SynthResult } from './stack/synth';

// The policy rules: as an Aspect at synth, or over a synthesized stack or a plan.
export { PolicyChecks } from './checks/aspect';
export type { PolicyChecksProps } from './checks/aspect';
export { RULES, ruleById } from './checks/index';
export { runRules } from './checks/run';
export type { RunRulesOptions } from './checks/run';
export { acknowledgementsOf } from './checks/acknowledge';
export { PolicyError } from './checks/policy-error';
export type { Acknowledgement, Finding, Level, Rule, RuleFinding, RuleRefs } from './checks/types';
export { buildModel, ModelInputError, modelFromPlan, modelFromSynth } from './model/build';
export type { TfModel } from './model/types';

// The review of a plan (what `ftp-kit review` prints).
export { formatReview } from './review/format';
export { reviewExitCode, reviewModel, reviewPlan } from './review/review';
export type { ReviewOptions } from './review/review';
export type { FailOn, ReviewFormat, ReviewResult } from './review/types';

// The outside-in doctor (what `ftp-kit doctor` runs).
export { runDoctor } from './doctor/doctor';
export type { CheckId, CheckResult, CheckStatus, DoctorProps, DoctorReport } from './doctor/doctor';
