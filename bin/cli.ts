/*
 * The ftp-kit CLI's definition. Each verb loads its module only when it runs: `--help` and `render`
 * never pay for cdktf, and `synth` never pays for the FTP client. bin/ftp-kit.ts runs it.
 */
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../lib/config/load';
import { TLS_MODES } from '../lib/config/schema';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USER, reportError, UsageError } from '../lib/cli/errors';
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
  .description(
    'A hardened FTP/FTPS server on AWS from one validated config: synthesize, review, deploy, preview locally, and check from outside.',
  )
  .version(packageVersion())
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Exit codes: 0 success, 1 user error (bad config, flag or finding), 2 internal error.
The config is ./ftp-kit.config.json (or .yaml/.yml) unless --config is given.`,
  );

const configOption = () => new Option('-c, --config <file>', 'config file (default: ./ftp-kit.config.json, .yaml or .yml)');

/** The config of a verb that works on AWS: a `local` target has nothing there. */
function loadAwsConfig(file: string | undefined, verb: string) {
  const loaded = loadConfig(file);
  if (loaded.config.target === 'local') {
    throw new UsageError(
      `target: "local" — ${verb} works on AWS, and this config's server ` +
        `runs on this machine — run \`ftp-kit preview\` instead, or set ` +
        `target: "ec2"`,
    );
  }
  // deploy waits for a banner the task gives only once its image is pushed; destroy would delete the
  // users' files on EFS, which has no final snapshot: both are written for the EC2 target so far.
  if (loaded.config.target === 'ecs' && (verb === 'deploy' || verb === 'destroy')) {
    throw new UsageError(
      `target: "ecs" — ftp-kit ${verb} handles target "ec2" only so far — use \`ftp-kit plan\`, ` +
        `then terraform in cdktf.out/stacks/${loaded.config.name}, and \`ftp-kit image build|push\` (docs/ecs.md)`,
    );
  }
  return loaded;
}

program
  .command('synth')
  .description('synthesize the Terraform stack (cdktf layout: <out>/stacks/<name>/cdk.tf.json)')
  .addOption(configOption())
  .option('-o, --out <dir>', 'output folder', 'cdktf.out')
  .action((opts) =>
    run(() => {
      const { config } = loadConfig(opts.config);
      const { synthesizeStack } = require('../lib/stack/synth') as typeof import('../lib/stack/synth');
      const { stackDir, findings } = synthesizeStack(config, opts.out);
      const { formatReported } = require('../lib/checks/policy-error') as typeof import('../lib/checks/policy-error');
      process.stderr.write(formatReported(findings));
      process.stdout.write(`synthesized ${stackDir}/cdk.tf.json\n`);
      return EXIT_OK;
    }),
  );

// How terraform finds its providers: the user's set-up by default, or a mirror / CLI config named here.
const mirrorOptions = (command: Command) =>
  command
    .option('--provider-mirror <dir>', 'terraform provider mirror folder (filesystem_mirror layout); default: env FTP_KIT_PROVIDER_MIRROR')
    .option(
      '--tf-cli-config <file>',
      'terraform CLI config file; default: env FTP_KIT_TF_CLI_CONFIG, else your TF_CLI_CONFIG_FILE / ~/.terraformrc',
    );

const tfOptions = (command: Command) =>
  mirrorOptions(command).option(
    '--offline',
    "plan without an AWS account: dummy credentials and the provider's " +
      'skip flags, in an override file beside the stack (never in the stack ' +
      'you deploy)',
  );

tfOptions(
  program
    .command('plan')
    .description('synthesize, then terraform init, plan and show -json: the plan JSON that `ftp-kit review --plan` reads')
    .addOption(configOption())
    .option('-o, --out <file>', 'plan JSON file', 'cdktf.out/plan.json')
    .option('--stack <dir>', 'plan an already synthesized stack folder (holding cdk.tf.json) instead of the config')
    .option('-v, --verbose', "stream terraform's full output to stderr as well")
    .option('--detailed-exitcode', 'as terraform: exit 0 when nothing changes, 2 when something does, 1 on error')
    .option('--no-color', 'no colour (also: NO_COLOR=1); terraform gets -no-color whenever it is not on a terminal'),
)
  .addHelpText(
    'after',
    `
The stack is synthesized into ./cdktf.out; policy findings are reported, not enforced (review the plan).
Prints "Plan: N to add, N to change, N to destroy." and the changed resources, on a terminal or piped.
Terraform's full output goes to <stack>/.ftp-kit/terraform.log (named when it fails); --verbose shows it.
Exit codes: 0 planned, 1 bad config or flag, or terraform failed (its error is shown), 2 internal error;
with --detailed-exitcode: 0 no changes, 1 error, 2 changes.`,
  )
  .action((opts) =>
    run(async () => {
      const { runPlanCommand } = require('../lib/cli/plan-command') as typeof import('../lib/cli/plan-command');
      const summaries = require('../lib/review/plan-summary') as typeof import('../lib/review/plan-summary');
      const { formatPlanSummary, hasChanges, summarizePlan } = summaries;
      const { colorEnabled, painter } = require('../lib/color') as typeof import('../lib/color');
      try {
        const { planJsonPath, plan } = await runPlanCommand({
          config: opts.config,
          stack: opts.stack,
          out: opts.out,
          offline: opts.offline,
          providerMirror: opts.providerMirror,
          tfCliConfig: opts.tfCliConfig,
          verbose: opts.verbose === true,
          noColor: opts.color === false,
        });
        const summary = summarizePlan(plan);
        process.stdout.write(formatPlanSummary(summary, painter(colorEnabled(process.stdout, { noColor: opts.color === false }))));
        process.stdout.write(`planned ${path.relative(process.cwd(), planJsonPath) || planJsonPath}\n`);
        return opts.detailedExitcode && hasChanges(summary) ? 2 : EXIT_OK;
      } catch (err) {
        const code = reportError(err);
        // With --detailed-exitcode, 2 means "changes": every failure is 1, as terraform's.
        return opts.detailedExitcode ? EXIT_USER : code;
      }
    }),
  );

tfOptions(
  program
    .command('review')
    .description('review a plan: changes (dangerous ones first), what can reach the server, and FTP-aware policy findings')
    .addOption(
      new Option(
        '-p, --plan <file>',
        'plan JSON to review (from `ftp-kit plan` or `terraform show -json`; ' +
          'a synthesized cdk.tf.json works too); without it the config is ' +
          'synthesized and planned first',
      ),
    )
    .addOption(
      new Option(
        '-c, --config <file>',
        'config file; with --plan only its acknowledge and allowPublic are read (default: ./ftp-kit.config.json, .yaml or .yml)',
      ),
    )
    .addOption(
      new Option(
        '-f, --format <format>',
        'output: terminal (default on a terminal), md (pull-request comment; default in a pipe), ' +
          'json, sarif (SARIF 2.1.0 for code scanning), junit (JUnit XML for CI test reports)',
      ).choices(['terminal', 'md', 'json', 'sarif', 'junit']),
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding reaches this level')
        .choices(['high', 'medium', 'low', 'none'])
        .default('high'),
    )
    .option('--no-color', 'no colour (also: NO_COLOR=1); colour is only ever used on a terminal'),
)
  .addHelpText(
    'after',
    `
Without --plan it runs \`ftp-kit plan\` first (./cdktf.out, cdktf.out/plan.json); with --plan, the config
(--config, else ./ftp-kit.config.json, .yaml or .yml when there is one) supplies the acknowledgements;
stderr names the config when it acknowledged a finding.
Acknowledged findings (config \`acknowledge\`) are listed but do not fail the review; public
exposure acknowledged by allowPublic: true stays at level low, so --fail-on low still fails on it.
Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 error (bad input, terraform failed).`,
  )
  // A review that could not run must not read as "findings": every error is 2.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_INTERNAL))
  .action((opts) =>
    run(async () => {
      const { runReviewCommand } = require('../lib/cli/review') as typeof import('../lib/cli/review');
      try {
        return await runReviewCommand({
          plan: opts.plan,
          config: opts.config,
          format: opts.format,
          failOn: opts.failOn,
          offline: opts.offline,
          providerMirror: opts.providerMirror,
          tfCliConfig: opts.tfCliConfig,
          noColor: opts.color === false,
        });
      } catch (err) {
        reportError(err);
        return EXIT_INTERNAL;
      }
    }),
  );

program
  .command('render')
  .description('write the files the server receives (vsftpd.conf, user-data, PAM, firewall, systemd drop-in, bootstrap)')
  .addOption(configOption())
  .requiredOption('-o, --out <dir>', 'output folder (required)')
  .option('--public-ip <ip>', 'the Elastic IP clients reach: becomes pasv_address (default: the placeholder ELASTIC_IP)')
  .action((opts) =>
    run(() => {
      const { config } = loadConfig(opts.config);
      const { renderToDirectory } = require('../lib/cli/render') as typeof import('../lib/cli/render');
      const files = renderToDirectory({ config, outDir: opts.out, publicIp: opts.publicIp });
      process.stdout.write(`wrote ${files.length} files to ${opts.out}: ${files.join(', ')}\n`);
      return EXIT_OK;
    }),
  );

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

program
  .command('init')
  .description('write a commented ftp-kit.config.yaml (asks on a terminal for what the flags do not give)')
  .option('--allow <cidr...>', 'CIDRs that may connect (repeatable)', collect)
  .option('--user <name[:rw|:ro]...>', 'virtual users; :rw may upload (repeatable)', collect)
  .option('--region <region>', 'AWS region (default: us-east-1; asked on a terminal)')
  .option('--tls <mode>', `TLS mode: ${TLS_MODES.join(', ')} (default: self-signed; asked on a terminal)`)
  .option('--json', 'write ftp-kit.config.json instead of YAML')
  .option('-c, --config <file>', 'the file to write (JSON when it ends in .json; default: ./ftp-kit.config.yaml)')
  .option('-y, --yes', 'never ask; take defaults for what flags do not give')
  .addHelpText(
    'after',
    `
On a terminal it asks for what the flags do not give, and asks again when an answer is not valid.`,
  )
  .action((opts) =>
    run(async () => {
      const { runInit } = require('../lib/cli/init') as typeof import('../lib/cli/init');
      const file = await runInit({
        allow: opts.allow,
        users: opts.user,
        region: opts.region,
        tls: opts.tls,
        yes: opts.yes,
        json: opts.json,
        config: opts.config,
      });
      process.stdout.write(
        `wrote ${path.relative(process.cwd(), file)}: review it, then run \`ftp-kit deploy\` (or \`ftp-kit preview\` to try it here)\n`,
      );
      return EXIT_OK;
    }),
  );

tfOptions(
  program
    .command('deploy')
    .description('deploy the server: synth, plan, review gate, summary with cost, confirmation, apply, wait for the banner, doctor')
    .addOption(configOption())
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .option('--ready-timeout <seconds>', "bound of the wait for the server's banner after apply", '900'),
)
  .addHelpText(
    'after',
    `
With --offline it stops after the review and the summary: nothing is applied without AWS.
High findings stop the deploy unless the config acknowledges them ({ rule, reason } in acknowledge).
State is local (terraform.<name>.tfstate here) unless the config's state block names an S3 bucket.
Exit codes: 0 deployed and the doctor passed, 1 stopped (finding, no confirmation, no banner, doctor
failure, terraform error), 2 internal error.`,
  )
  .action((opts) =>
    run(async () => {
      const { config } = loadAwsConfig(opts.config, 'deploy');
      const timeout = Number(opts.readyTimeout);
      if (!Number.isInteger(timeout) || timeout < 10)
        throw new UsageError(
          `--ready-timeout: ${JSON.stringify(opts.readyTimeout)} — is not a whole number of seconds ≥ 10 — e.g. --ready-timeout 900`,
        );
      const { deploy } = require('../lib/deploy/deploy') as typeof import('../lib/deploy/deploy');
      const { reviewGate } = require('../lib/review/gate') as typeof import('../lib/review/gate');
      const { terminalConfirm } = require('../lib/cli/confirm') as typeof import('../lib/cli/confirm');
      const tty = process.stderr.isTTY === true;
      await deploy({
        config,
        reviewer: (plan, c) => reviewGate(plan, c),
        offline: opts.offline === true,
        yes: opts.yes === true,
        confirm: terminalConfirm(),
        providerMirror: opts.providerMirror,
        tfCliConfig: opts.tfCliConfig,
        readyTimeoutSeconds: timeout,
        log: (line) => process.stdout.write(`${line}\n`),
        // A terminal gets one line that counts up; CI gets a line every 30 s (deploy's default).
        progress: tty
          ? (elapsed, reason) => process.stderr.write(`\r      waiting ${elapsed} s (${reason.slice(0, 60)})\u001b[K`)
          : undefined,
      });
      return EXIT_OK;
    }),
  );

mirrorOptions(
  program
    .command('destroy')
    .description("destroy the deployed server; the data volume with the users' files is kept unless --delete-data")
    .addOption(configOption())
    .option('--delete-data', 'also delete the data volume (a final snapshot is still taken)')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)'),
).action((opts) =>
  run(async () => {
    const { config } = loadAwsConfig(opts.config, 'destroy');
    const { destroy } = require('../lib/deploy/destroy') as typeof import('../lib/deploy/destroy');
    const { terminalConfirm } = require('../lib/cli/confirm') as typeof import('../lib/cli/confirm');
    await destroy({
      config,
      deleteData: opts.deleteData === true,
      yes: opts.yes === true,
      confirm: terminalConfirm(),
      providerMirror: opts.providerMirror,
      tfCliConfig: opts.tfCliConfig,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    return EXIT_OK;
  }),
);

mirrorOptions(
  program
    .command('outputs')
    .description("print the deployed server's endpoint, ids and the commands that read the users' passwords")
    .addOption(configOption())
    .option('--json', 'print terraform\'s outputs as JSON (on failure: {"error": "…"})'),
)
  .addHelpText(
    'after',
    `
Exit codes: 0 printed, 1 nothing deployed yet (one line naming the state) or another error of yours, 2 internal error.`,
  )
  .action((opts) =>
    run(async () => {
      const { config } = loadAwsConfig(opts.config, 'outputs');
      const { readOutputs } = require('../lib/deploy/destroy') as typeof import('../lib/deploy/destroy');
      const { formatOutputs } = require('../lib/deploy/outputs') as typeof import('../lib/deploy/outputs');
      const { PassThrough } = require('node:stream') as typeof import('node:stream');
      // terraform init's chatter is not output: keep stdout for the answer.
      const quiet = new PassThrough();
      quiet.resume();
      let outputs;
      try {
        outputs = await readOutputs({ config, providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig, output: quiet });
      } catch (err) {
        // --json readers get JSON even now: an error object, never nothing.
        if (opts.json) process.stdout.write(`${JSON.stringify({ error: (err as Error).message })}\n`);
        throw err;
      }
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(outputs, null, 2)}\n`
          : `${formatOutputs(outputs, config.region, { controlPort: config.controlPort, passive: config.passivePorts })}\n`,
      );
      return EXIT_OK;
    }),
  );

program
  .command('doctor')
  .description('check an FTP server from the outside, step by step, and name what is wrong in plain words')
  .argument('<host>', 'host name or address partners connect to (the Elastic IP)')
  .option('-c, --config <file>', "take --port and --expect-passive from this config's controlPort and passivePorts (read only when given)")
  .option('-p, --port <port>', "control port (default: 21, or the config's controlPort)")
  .option('-u, --user <name>', 'log in as this user (then: passive mode, TLS session reuse, an upload/download round trip)')
  .option('--password-env <var>', 'environment variable holding the password (never on the command line)')
  .option('--expect-passive <from-to>', 'the passive range the security group opens, e.g. 40000-40599')
  .addOption(
    new Option(
      '--ca <file>',
      'PEM certificate (or CA) to verify the server with; a mismatch is a failure and no password is sent',
    ).conflicts('insecure'),
  )
  .option('--insecure', 'do not warn about a certificate that does not verify')
  .option('--json', 'print the report as JSON')
  .option('--timeout <seconds>', 'bound of each network step', '10')
  .option('-v, --verbose', 'print the control-channel transcript to stderr (the password masked)')
  .option('--no-color', 'no colour (also: NO_COLOR=1; colour is only ever used on a terminal)')
  .addHelpText(
    'after',
    `
Checks, in order: dns, tcp, banner, auth-tls, certificate, login, pasv-address, passive-range, epsv,
tls-reuse, round-trip. passive-range asks for many passive ports in one session (vsftpd picks each at
random) and connects to each, so that a firewall dropping part of the range is found; the report gives the
sample size and the odds of missing a blocked quarter. Every FAIL lists commands to try by hand.
Without --user it stops after the TLS checks and ends "not tested: passive mode and data connections need
--user"; the exit code is then 0 when nothing failed: it vouches for the control channel and TLS only.
The doctor never sends a password without TLS. Without --ca, a certificate that does not verify (ftp-kit's
own is self-signed) is a warning that shows its fingerprint; with --ca it must verify.
Exit codes: 0 every check that ran passed (warnings allowed), 1 a check failed, 2 usage error.`,
  )
  .exitOverride((err) => {
    // commander's own usage errors (a missing HOST, an unknown flag): the doctor's contract says 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  })
  .action((host: string, opts) =>
    run(async () => {
      const { runDoctorCommand, DoctorUsageError } = require('../lib/cli/doctor') as typeof import('../lib/cli/doctor');
      try {
        return (await runDoctorCommand(host, opts)).code;
      } catch (err) {
        if (!(err instanceof DoctorUsageError || err instanceof ConfigError)) throw err;
        process.stderr.write(`ftp-kit doctor: ${err.message}\n`);
        return 2;
      }
    }),
  );

program
  .command('preview')
  .description('the local target: run exactly the server `render` produces (vsftpd.conf, PAM, nftables) in a real vsftpd here (needs root)')
  .addOption(configOption())
  .option('--listen <addr>', 'IPv4 address vsftpd listens on, or :: for every address, IPv4 and IPv6, as on EC2', '127.0.0.1')
  .option(
    '--pasv-address <addr>',
    'IPv4 address put in 227 replies: the one clients reach, e.g. the public address of a NAT (default: the listen address)',
  )
  .option(
    '--dir <dir>',
    'folder the server files are rebased under, kept on exit; one preview at a time (default: a fresh temporary folder, removed on exit)',
  )
  .option('--cert-file <file>', 'tls.mode imported: PEM certificate (with its chain) to serve; re-read on renewal, like the EC2 secret')
  .option('--key-file <file>', 'tls.mode imported: PEM private key of --cert-file')
  .addHelpText(
    'after',
    `
The control port, passive range, allowlist, users and limits come from the config.
Each user gets a generated password, written only to DIR/credentials.json (mode 0600).
Once the control port greets, one line \`ready ftp://ADDR:PORT\` is printed; vsftpd's log follows.
Ctrl-C (SIGINT), SIGTERM, SIGHUP, or the exit of the process that started it stops vsftpd
and removes its PAM service file and nftables tables. vsftpd and its sessions run in a PID namespace
of their own: they end with the preview, even a SIGKILLed one; if vsftpd dies, the preview exits 1.
The table matches only the control port and the passive range and always lets loopback in.
fail2ban runs too, with its own server and ban table: "fail2ban: Ban ADDR" lines show its decisions.
Needs root and the Debian packages vsftpd, libpam-pwdfile, nftables and fail2ban.
tls.mode: self-signed as on EC2; imported from --cert-file/--key-file; lets-encrypt from a local
pebble ACME server (Debian package pebble) by the same lego client and script as on EC2, with
pebble-challtestsrv in place of Route 53. The certificate is checked twice a day, as on EC2.

Example:
  sudo ftp-kit preview --config ftp-kit.config.yaml --dir /tmp/ftp-preview
  curl --ssl-reqd --cacert /tmp/ftp-preview/etc/tls/cert.pem -u partner-a ftp://127.0.0.1:21/files/`,
  )
  .action((opts) =>
    run(async () => {
      const { config } = loadConfig(opts.config);
      const { runPreview } = require('../lib/cli/preview') as typeof import('../lib/cli/preview');
      return runPreview({
        config,
        listen: opts.listen,
        pasvAddress: opts.pasvAddress,
        dir: opts.dir,
        certFile: opts.certFile,
        keyFile: opts.keyFile,
      });
    }),
  );

const image = program
  .command('image')
  .description('the container image of target "ecs": build it here, push it to the stack\'s ECR repository');

image
  .command('build')
  .description('render the server files for the config and build the image with podman, buildah or docker (whichever is present)')
  .addOption(configOption())
  .option('--builder <tool>', 'podman, buildah or docker (default: the first of them on PATH)')
  .addHelpText(
    'after',
    `
The image is tagged localhost/ftp-kit-<name>:cfg-<hash of the rendered files>; the task definition names the same tag.
Machine settings (OCI runtime, cgroup manager, ulimits) come from the tool's containers.conf / daemon.json.`,
  )
  .action((opts) =>
    run(() => {
      const { config } = loadConfig(opts.config);
      const { buildImage } = require('../lib/cli/image') as typeof import('../lib/cli/image');
      process.stdout.write(`built ${buildImage(config, { builder: opts.builder })}\n`);
      return EXIT_OK;
    }),
  );

mirrorOptions(
  image
    .command('push')
    .description("push the built image to the stack's ECR repository (log in first: see docs/ecs.md)")
    .addOption(configOption())
    .option('--repository <url>', "the ECR repository URL (default: the deployed stack's image_repository_url output)")
    .option('--builder <tool>', 'podman, buildah or docker (default: the first of them on PATH)')
    .addHelpText(
      'after',
      `
Example:
  aws ecr get-login-password | podman login --username AWS --password-stdin 123456789012.dkr.ecr.eu-central-1.amazonaws.com
  ftp-kit image push                       # to the deployed stack's repository
  ftp-kit image push --repository 123456789012.dkr.ecr.eu-central-1.amazonaws.com/ftp-kit/ftp`,
    ),
).action((opts) =>
  run(async () => {
    const { config } = loadConfig(opts.config);
    const { pushImage, repositoryFromOutputs } = require('../lib/cli/image') as typeof import('../lib/cli/image');
    let repository: string | undefined = opts.repository;
    if (repository === undefined) {
      const { readOutputJson } = require('../lib/deploy/destroy') as typeof import('../lib/deploy/destroy');
      const { PassThrough } = require('node:stream') as typeof import('node:stream');
      const quiet = new PassThrough();
      quiet.resume();
      const outputs = await readOutputJson({ config, providerMirror: opts.providerMirror, tfCliConfig: opts.tfCliConfig, output: quiet });
      repository = repositoryFromOutputs(outputs);
    }
    process.stdout.write(`pushed ${pushImage(config, repository, { builder: opts.builder })}\n`);
    return EXIT_OK;
  }),
);

program
  .command('schema')
  .description('print the JSON Schema of the config (for editor completion)')
  .action(() =>
    run(() => {
      const { configJsonSchema } = require('../lib/config/json-schema') as typeof import('../lib/config/json-schema');
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      return EXIT_OK;
    }),
  );

/** The CLI's definition: the entry points parse with it, tests check what the CI template may call. */
export { program };

/** Runs the CLI on `args` (the words after `ftp-kit`); sets process.exitCode. */
/**
 * A reader that went away (`ftp-kit doctor … | head -1`) is not an error: what is left to print is
 * dropped and the verb finishes, so the exit code is still its verdict. One handler for every verb.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
}

export async function main(args: readonly string[]): Promise<void> {
  quietOnClosedPipe();
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
