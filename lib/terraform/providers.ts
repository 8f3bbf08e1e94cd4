/*
 * Which providers a run used and where terraform took them from, in one line: an offline plan that
 * quietly used a mirror found on the machine would otherwise leave the reader guessing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliConfigResult } from './cli-config';

/** `registry.terraform.io/hashicorp/aws 5.100.0` for each provider in the stack's lock file. */
export function lockedProviders(stackDir: string): string[] {
  const file = join(stackDir, '.terraform.lock.hcl');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^provider "([^"]+)" \{\s*version\s*=\s*"([^"]+)"/gm)].map((m) => `${m[1]} ${m[2]}`);
}

function sourceText(cli: CliConfigResult): string {
  switch (cli.source) {
    case 'mirror-option':
      return `the provider mirror ${cli.mirrorDir} (--provider-mirror or FTP_KIT_PROVIDER_MIRROR)`;
    case 'cli-config-option':
      return `the sources in the terraform CLI config ${cli.cliConfigFile} (--tf-cli-config or FTP_KIT_TF_CLI_CONFIG)`;
    case 'user-env':
      return `the sources in your TF_CLI_CONFIG_FILE ${cli.cliConfigFile}`;
    case 'auto-mirror':
      return `the provider mirror ${cli.mirrorDir}, found on this machine (--offline uses it when no mirror or CLI config is given)`;
    default:
      return "terraform's default sources (the registry, or your ~/.terraformrc)";
  }
}

/** `providers: registry.terraform.io/hashicorp/aws 5.100.0 from the provider mirror /opt/tf-plugins, …`. */
export function describeProviders(stackDir: string, cli: CliConfigResult): string {
  const providers = lockedProviders(stackDir);
  return `providers: ${providers.length > 0 ? providers.join(', ') : '(none recorded)'} from ${sourceText(cli)}`;
}
