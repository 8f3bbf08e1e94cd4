#!/usr/bin/env node
/*
 * The ftp-kit CLI. Each verb loads its module only when it runs: `--help` and `render` never pay for
 * cdktf, and `synth` never pays for the FTP client.
 */
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../lib/config/load';
import { EXIT_OK, reportError } from '../lib/cli/errors';
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

program.command('synth')
  .description('synthesize the Terraform stack (cdktf layout: <out>/stacks/<name>/cdk.tf.json)')
  .addOption(configOption())
  .option('-o, --out <dir>', 'output folder', 'cdktf.out')
  .action((opts) => run(() => {
    const { config } = loadConfig(opts.config);
    const { synthesizeStack } = require('../lib/cli/synth') as typeof import('../lib/cli/synth');
    const { stackDir } = synthesizeStack(config, opts.out);
    process.stdout.write(`synthesized ${stackDir}/cdk.tf.json\n`);
    return EXIT_OK;
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

program.command('preview')
  .description('the local target: run exactly the server `render` produces (vsftpd.conf, PAM, nftables) in a real vsftpd here (needs root)')
  .addOption(configOption())
  .option('--listen <addr>', 'IPv4 address vsftpd listens on', '127.0.0.1')
  .option('--pasv-address <addr>', 'IPv4 address put in 227 replies: the one clients reach, e.g. the public address of a NAT (default: the listen address)')
  .option('--dir <dir>', 'folder the server files are rebased under, kept on exit (default: a fresh temporary folder, removed on exit)')
  .addHelpText('after', `
The control port, passive range, allowlist, users and limits come from the config.
Each user gets a generated password, written only to DIR/credentials.json (mode 0600).
Once the control port greets, one line \`ready ftp://ADDR:PORT\` is printed; vsftpd's log follows.
Ctrl-C (SIGINT), SIGTERM, SIGHUP, or the exit of the process that started it stops vsftpd
and removes its PAM service file and nftables table.
The table matches only the control port and the passive range and always lets loopback in.
Needs root and the Debian packages vsftpd, libpam-pwdfile and nftables.

Example:
  sudo npx ftp-kit preview --config ftp-kit.config.yaml --dir /tmp/ftp-preview
  curl --ssl-reqd --cacert /tmp/ftp-preview/etc/tls/cert.pem -u partner-a ftp://127.0.0.1:21/files/`)
  .action((opts) => run(async () => {
    const { config } = loadConfig(opts.config);
    const { runPreview } = require('../lib/cli/preview') as typeof import('../lib/cli/preview');
    return runPreview({ config, listen: opts.listen, pasvAddress: opts.pasvAddress, dir: opts.dir });
  }));

program.command('schema')
  .description('print the JSON Schema of the config (for editor completion)')
  .action(() => run(() => {
    const { configJsonSchema } = require('../lib/config/json-schema') as typeof import('../lib/config/json-schema');
    process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return EXIT_OK;
  }));

program.parseAsync(process.argv).catch((err) => {
  process.exitCode = reportError(err);
});
