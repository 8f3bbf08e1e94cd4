/*
 * The ftp-kit CLI's definition. Each verb loads its module only when it runs: `--help` and `render`
 * never pay for cdktf, and `synth` never pays for the FTP client. Two entry points run it:
 * bin/ftp-kit.ts (a plain node process) and bin/snapshot/entry.ts (the V8 startup snapshot the
 * `ftp-kit` launcher prefers).
 */
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../lib/config/load';
import { EXIT_INTERNAL, EXIT_OK, reportError, UsageError } from '../lib/cli/errors';
import { packageVersion } from '../lib/package-root';

const program = new Command();

async function run(action: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

program
  .name('ftp-kit')
  .description('A hardened FTP/FTPS server on AWS from one validated config: synthesize, review, deploy, preview locally, and check from outside.')
  .version(packageVersion())
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText('after', `
Exit codes: 0 success, 1 user error (bad config, flag or finding), 2 internal error.
The config is ./ftp-kit.config.json (or .yaml/.yml) unless --config is given.`);

const configOption = () => new Option('-c, --config <file>', 'config file (default: ./ftp-kit.config.json, .yaml or .yml)');

/** The config of a verb that works on AWS: a `local` target has nothing there. */
function loadAwsConfig(file: string | undefined, verb: string) {
  const loaded = loadConfig(file);
  if (loaded.config.target === 'local') {
    throw new UsageError(`target: "local" — ${verb} works on AWS, and this config's server runs on this machine — run \`ftp-kit preview\` instead, or set target: "ec2"`);
  }
  return loaded;
}

program.command('synth')
  .description('synthesize the Terraform stack (cdktf layout: <out>/stacks/<name>/cdk.tf.json)')
  .addOption(configOption())
  .option('-o, --out <dir>', 'output folder', 'cdktf.out')
  .action((opts) => run(() => {
    const { config } = loadConfig(opts.config);
    const { synthesizeStack } = require('../lib/cli/synth') as typeof import('../lib/cli/synth');
    const { stackDir, findings } = synthesizeStack(config, opts.out);
    const { formatReported } = require('../lib/checks/policy-error') as typeof import('../lib/checks/policy-error');
    process.stderr.write(formatReported(findings));
    process.stdout.write(`synthesized ${stackDir}/cdk.tf.json\n`);
    return EXIT_OK;
  }));

// How terraform finds its providers: the user's set-up by default, or a mirror / CLI config named here.
const mirrorOptions = (command: Command) => command
  .option('--provider-mirror <dir>', 'terraform provider mirror folder (filesystem_mirror layout); default: env FTP_KIT_PROVIDER_MIRROR')
  .option('--tf-cli-config <file>', 'terraform CLI config file; default: env FTP_KIT_TF_CLI_CONFIG, else your TF_CLI_CONFIG_FILE / ~/.terraformrc');

const tfOptions = (command: Command) => mirrorOptions(command)
  .option('--offline', 'plan without an AWS account: dummy credentials and the provider\'s skip flags, in an override file beside the stack (never in the stack you deploy)');

tfOptions(program.command('plan')
  .description('synthesize, then terraform init, plan and show -json: the plan JSON that `ftp-kit review --plan` reads')
  .addOption(configOption())
  .option('-o, --out <file>', 'plan JSON file', 'cdktf.out/plan.json')
  .option('--stack <dir>', 'plan an already synthesized stack folder (holding cdk.tf.json) instead of the config'))
  .addHelpText('after', `
The stack is synthesized into ./cdktf.out; policy findings are reported, not enforced (review the plan).
On a terminal: a step list, terraform's errors verbatim. In CI or a pipe: plain step lines and
terraform's output as it comes.
Exit codes: 0 planned, 1 bad config or flag, or terraform failed (its error is shown), 2 internal error.`)
  .action((opts) => run(async () => {
    const { runPlanCommand } = require('../lib/cli/plan-command') as typeof import('../lib/cli/plan-command');
    const { planJsonPath } = await runPlanCommand({ config: opts.config, stack: opts.stack, out: opts.out, offline: opts.offline, providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig });
    process.stdout.write(`planned ${path.relative(process.cwd(), planJsonPath) || planJsonPath}\n`);
    return EXIT_OK;
  }));

tfOptions(program.command('review')
  .description('review a plan: changes (dangerous ones first), what can reach the server, and FTP-aware policy findings')
  .addOption(new Option('-p, --plan <file>', 'plan JSON to review (from `ftp-kit plan` or `terraform show -json`; a synthesized cdk.tf.json works too); without it the config is synthesized and planned first'))
  .addOption(new Option('-c, --config <file>', 'config file; with --plan only its acknowledge and allowPublic are read (default: ./ftp-kit.config.json, .yaml or .yml)'))
  .addOption(new Option('-f, --format <format>', 'output: md (pull-request comment), json, or sarif (SARIF 2.1.0 for code scanning)').choices(['md', 'json', 'sarif']).default('md'))
  .addOption(new Option('--fail-on <level>', 'exit 1 when a finding reaches this level').choices(['high', 'medium', 'low', 'none']).default('high')))
  .addHelpText('after', `
Without --plan it runs \`ftp-kit plan\` first (./cdktf.out, cdktf.out/plan.json); with --plan, give --config
too so that the config's acknowledgements apply.
Acknowledged findings (config \`acknowledge\`) are listed but do not fail the review; public
exposure acknowledged by allowPublic: true stays at level low, so --fail-on low still fails on it.
Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 error (bad input, terraform failed).`)
  // A review that could not run must not read as "findings": every error is 2.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_INTERNAL))
  .action((opts) => run(async () => {
    const { runReviewCommand } = require('../lib/cli/review') as typeof import('../lib/cli/review');
    try {
      return await runReviewCommand({ plan: opts.plan, config: opts.config, format: opts.format, failOn: opts.failOn, offline: opts.offline, providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig });
    } catch (err) {
      reportError(err);
      return EXIT_INTERNAL;
    }
  }));

program.command('render')
  .description('write the files the server receives (vsftpd.conf, user-data, PAM, firewall, systemd drop-in, bootstrap)')
  .addOption(configOption())
  .requiredOption('-o, --out <dir>', 'output folder')
  .option('--public-ip <ip>', 'the Elastic IP clients reach: becomes pasv_address (default: the placeholder ELASTIC_IP)')
  .action((opts) => run(() => {
    const { config } = loadConfig(opts.config);
    const { renderToDirectory } = require('../lib/cli/render') as typeof import('../lib/cli/render');
    const files = renderToDirectory({ config, outDir: opts.out, publicIp: opts.publicIp });
    process.stdout.write(`wrote ${files.length} files to ${opts.out}: ${files.join(', ')}\n`);
    return EXIT_OK;
  }));

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

program.command('init')
  .description('write a commented ftp-kit.config.yaml (asks on a terminal for what the flags do not give)')
  .option('--allow <cidr...>', 'CIDRs that may connect (repeatable)', collect)
  .option('--user <name[:rw|:ro]...>', 'virtual users; :rw may upload (repeatable)', collect)
  .option('--region <region>', 'AWS region', 'us-east-1')
  .option('--tls <mode>', 'TLS mode: self-signed')
  .option('--json', 'write ftp-kit.config.json instead of YAML')
  .option('-y, --yes', 'never ask; take defaults for what flags do not give')
  .action((opts) => run(async () => {
    const { runInit } = require('../lib/cli/init') as typeof import('../lib/cli/init');
    const file = await runInit({ allow: opts.allow, users: opts.user, region: opts.region, tls: opts.tls, yes: opts.yes, json: opts.json });
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}: review it, then run \`ftp-kit deploy\` (or \`ftp-kit preview\` to try it here)\n`);
    return EXIT_OK;
  }));

tfOptions(program.command('deploy')
  .description('deploy the server: synth, plan, review gate, summary with cost, confirmation, apply, wait for the banner, doctor')
  .addOption(configOption())
  .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
  .option('--ready-timeout <seconds>', 'bound of the wait for the server\'s banner after apply', '900'))
  .addHelpText('after', `
With --offline it stops after the review and the summary: nothing is applied without AWS.
High findings stop the deploy unless the config acknowledges them ({ rule, reason } in acknowledge).
State is local (terraform.<name>.tfstate here) unless the config's state block names an S3 bucket.
Exit codes: 0 deployed and the doctor passed, 1 stopped (finding, no confirmation, no banner, doctor
failure, terraform error), 2 internal error.`)
  .action((opts) => run(async () => {
    const { config } = loadAwsConfig(opts.config, 'deploy');
    const timeout = Number(opts.readyTimeout);
    if (!Number.isInteger(timeout) || timeout < 10) throw new UsageError(`--ready-timeout: ${JSON.stringify(opts.readyTimeout)} — is not a whole number of seconds ≥ 10 — e.g. --ready-timeout 900`);
    const { deploy } = require('../lib/deploy/deploy') as typeof import('../lib/deploy/deploy');
    const { reviewGate } = require('../lib/review/gate') as typeof import('../lib/review/gate');
    const { terminalConfirm } = require('../lib/cli/confirm') as typeof import('../lib/cli/confirm');
    const tty = process.stderr.isTTY === true;
    await deploy({
      config, reviewer: (plan, c) => reviewGate(plan, c), offline: opts.offline === true, yes: opts.yes === true,
      confirm: terminalConfirm(), providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig, readyTimeoutSeconds: timeout,
      log: (line) => process.stdout.write(`${line}\n`),
      // A terminal gets one line that counts up; CI gets a line every 30 s (deploy's default).
      progress: tty ? (elapsed, reason) => process.stderr.write(`\r      waiting ${elapsed} s (${reason.slice(0, 60)})\u001b[K`) : undefined,
    });
    return EXIT_OK;
  }));

mirrorOptions(program.command('destroy')
  .description('destroy the deployed server; the data volume with the users\' files is kept unless --delete-data')
  .addOption(configOption())
  .option('--delete-data', 'also delete the data volume (a final snapshot is still taken)')
  .option('-y, --yes', 'do not ask for confirmation (required without a terminal)'))
  .action((opts) => run(async () => {
    const { config } = loadAwsConfig(opts.config, 'destroy');
    const { destroy } = require('../lib/deploy/destroy') as typeof import('../lib/deploy/destroy');
    const { terminalConfirm } = require('../lib/cli/confirm') as typeof import('../lib/cli/confirm');
    await destroy({
      config, deleteData: opts.deleteData === true, yes: opts.yes === true, confirm: terminalConfirm(),
      providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig, log: (line) => process.stdout.write(`${line}\n`),
    });
    return EXIT_OK;
  }));

mirrorOptions(program.command('outputs')
  .description('print the deployed server\'s endpoint, ids and the commands that read the users\' passwords')
  .addOption(configOption())
  .option('--json', 'print terraform\'s outputs as JSON'))
  .action((opts) => run(async () => {
    const { config } = loadAwsConfig(opts.config, 'outputs');
    const { readOutputs } = require('../lib/deploy/destroy') as typeof import('../lib/deploy/destroy');
    const { formatOutputs } = require('../lib/deploy/outputs') as typeof import('../lib/deploy/outputs');
    const { PassThrough } = require('node:stream') as typeof import('node:stream');
    // terraform init's chatter is not output: keep stdout for the answer.
    const quiet = new PassThrough();
    quiet.resume();
    const outputs = await readOutputs({ config, providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig, output: quiet });
    process.stdout.write(opts.json ? `${JSON.stringify(outputs, null, 2)}\n` : `${formatOutputs(outputs, config.region, { controlPort: config.controlPort, passive: config.passivePorts })}\n`);
    return EXIT_OK;
  }));

program.command('doctor')
  .description('check an FTP server from the outside, step by step, and name what is wrong in plain words')
  .argument('<host>', 'host name or address partners connect to (the Elastic IP)')
  .option('-p, --port <port>', 'control port', '21')
  .option('-u, --user <name>', 'log in as this user (then: passive mode, TLS session reuse, an upload/download round trip)')
  .option('--password-env <var>', 'environment variable holding the password (never on the command line)')
  .option('--expect-passive <from-to>', 'the passive range the security group opens, e.g. 40000-40599')
  .addOption(new Option('--ca <file>', 'PEM certificate (or CA) to verify the server with; a mismatch is a failure and no password is sent').conflicts('insecure'))
  .option('--insecure', 'do not warn about a certificate that does not verify')
  .option('--json', 'print the report as JSON')
  .option('--timeout <seconds>', 'bound of each network step', '10')
  .addHelpText('after', `
Checks, in order: dns, tcp, banner, auth-tls, certificate, login, pasv-address, pasv-port,
data-connection, tls-reuse, round-trip. Without --user it stops after the TLS checks.
The doctor never sends a password without TLS. Without --ca, a certificate that does not verify (ftp-kit's
own is self-signed) is a warning that shows its fingerprint; with --ca it must verify.
Exit codes: 0 every check passed (warnings allowed), 1 a check failed, 2 usage error.`)
  .exitOverride((err) => {
    // commander's own usage errors (a missing HOST, an unknown flag): the doctor's contract says 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  })
  .action((host: string, opts) => run(async () => {
    const { runDoctorCommand, DoctorUsageError } = require('../lib/cli/doctor') as typeof import('../lib/cli/doctor');
    try {
      return (await runDoctorCommand(host, opts)).code;
    } catch (err) {
      if (!(err instanceof DoctorUsageError)) throw err;
      process.stderr.write(`ftp-kit doctor: ${err.message}\n`);
      return 2;
    }
  }));

program.command('preview')
  .description('the local target: run exactly the server `render` produces (vsftpd.conf, PAM, nftables) in a real vsftpd here (needs root)')
  .addOption(configOption())
  .option('--listen <addr>', 'IPv4 address vsftpd listens on', '127.0.0.1')
  .option('--pasv-address <addr>', 'IPv4 address put in 227 replies: the one clients reach, e.g. the public address of a NAT (default: the listen address)')
  .option('--dir <dir>', 'folder the server files are rebased under, kept on exit (default: a fresh temporary folder, removed on exit)')
  .option('--cert-file <file>', 'tls.mode imported: PEM certificate (with its chain) to serve; re-read on renewal, like the EC2 secret')
  .option('--key-file <file>', 'tls.mode imported: PEM private key of --cert-file')
  .addHelpText('after', `
The control port, passive range, allowlist, users and limits come from the config.
Each user gets a generated password, written only to DIR/credentials.json (mode 0600).
Once the control port greets, one line \`ready ftp://ADDR:PORT\` is printed; vsftpd's log follows.
Ctrl-C (SIGINT), SIGTERM, SIGHUP, or the exit of the process that started it stops vsftpd
and removes its PAM service file and nftables table.
The table matches only the control port and the passive range and always lets loopback in.
Needs root and the Debian packages vsftpd, libpam-pwdfile and nftables.
tls.mode: self-signed as on EC2; imported from --cert-file/--key-file; lets-encrypt from a local
pebble ACME server (Debian package pebble) by the same lego client and script as on EC2, with
pebble-challtestsrv in place of Route 53. The certificate is checked twice a day, as on EC2.

Example:
  sudo ftp-kit preview --config ftp-kit.config.yaml --dir /tmp/ftp-preview
  curl --ssl-reqd --cacert /tmp/ftp-preview/etc/tls/cert.pem -u partner-a ftp://127.0.0.1:21/files/`)
  .action((opts) => run(async () => {
    const { config } = loadConfig(opts.config);
    const { runPreview } = require('../lib/cli/preview') as typeof import('../lib/cli/preview');
    return runPreview({ config, listen: opts.listen, pasvAddress: opts.pasvAddress, dir: opts.dir, certFile: opts.certFile, keyFile: opts.keyFile });
  }));

program.command('schema')
  .description('print the JSON Schema of the config (for editor completion)')
  .action(() => run(() => {
    const { configJsonSchema } = require('../lib/config/json-schema') as typeof import('../lib/config/json-schema');
    process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return EXIT_OK;
  }));

/** The CLI's definition: the entry points parse with it, tests check what the CI template may call. */
export { program };

/** Runs the CLI on `args` (the words after `ftp-kit`); sets process.exitCode. */
export async function main(args: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
