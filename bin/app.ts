#!/usr/bin/env node
/*
 * cdktf's `app` (cdktf.json: node dist/bin/app.js), for people who drive ftp-kit with cdktf-cli.
 * ftp-kit itself does not need cdktf-cli: `ftp-kit synth` builds the same app.
 * Config: FTP_KIT_CONFIG, else ./ftp-kit.config.json (or .yaml/.yml).
 */
import { loadConfig } from '../lib/config/load';
import { formatReported } from '../lib/checks/policy-error';
import { reportError } from '../lib/cli/errors';
import { buildApp } from '../lib/stack/app';

try {
  const { config } = loadConfig(process.env.FTP_KIT_CONFIG || undefined);
  // cdktf-cli passes its output folder in CDKTF_OUTDIR; App reads it when outdir is not given.
  const { app, stack, checks } = buildApp({ config });
  app.synth();
  process.stderr.write(formatReported(checks.findings.get(stack.node.path) ?? []));
} catch (err) {
  process.exitCode = reportError(err);
}
