import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Finding } from '../checks/types';
import { FtpKitConfig } from '../config/schema';
import { buildApp } from './app';
import { withoutTokenCreationStacks } from './creation-stacks';

export interface SynthResult {
  /** `<outDir>/stacks/<name>`: holds cdk.tf.json; terraform runs here. */
  readonly stackDir: string;
  readonly stackName: string;
  /** Policy findings that did not stop synthesis (acknowledged, below high, or all without enforcePolicy). */
  readonly findings: readonly Finding[];
}

export interface SynthOptions {
  /** Folder a relative local state path is relative to. @default process.cwd() */
  readonly workingDirectory?: string;
  /** Stop on unacknowledged high findings; off where a review of the plan follows. @default true */
  readonly enforcePolicy?: boolean;
}

/**
 * Writes the cdktf layout: `<outDir>/stacks/<config.name>/cdk.tf.json` (and manifest.json), after
 * the policy rules ran on the stack: an unacknowledged high finding throws PolicyError first.
 */
export function synthesizeStack(config: FtpKitConfig, outDir: string, options: SynthOptions = {}): SynthResult {
  const outdir = path.resolve(outDir);
  const stacksDir = path.join(outdir, 'stacks');
  const made = !existsSync(outdir) ? outdir : !existsSync(stacksDir) ? stacksDir : undefined;
  // cdktf's App makes only the last folder level.
  mkdirSync(outdir, { recursive: true });
  try {
    const { workingDirectory, enforcePolicy } = options;
    const { stack, checks } = withoutTokenCreationStacks(() => {
      const built = buildApp({ config, outdir, workingDirectory, enforcePolicy });
      synthOneStack(built.app, built.stack);
      return built;
    });
    const findings = checks.findings.get(stack.node.path) ?? [];
    return { stackDir: path.join(stacksDir, stack.node.id), stackName: stack.node.id, findings };
  } catch (err) {
    // The policy rules run before cdktf writes the stack, but after the folders are made: a refused synth leaves none.
    if (made) rmSync(made, { recursive: true, force: true });
    throw err;
  }
}

/**
 * What `app.synth()` does for an app that holds one stack, without its "preparing" pass. That pass
 * resolves every element of every stack once more only to find references between stacks (for
 * which cdktf adds outputs and remote state): with one stack there are none, and the pass cost about
 * a third of a cold synth's resolving. buildApp's apps hold one stack and skip cdktf's validations.
 */
export function synthOneStack(app: App, stack: TerraformStack): void {
  const stacks = app.node.findAll().filter((c) => TerraformStack.isStack(c));
  if (stacks.length !== 1 || stacks[0] !== stack || !app.skipValidation) {
    throw new Error(`synthOneStack: the app must hold this one stack and skip validation (it holds ${stacks.length})`);
  }
  stack.ensureBackendExists();
  stack.synthesizer.synthesize({ outdir: app.outdir, skipValidation: true, manifest: app.manifest });
  app.manifest.writeToFile();
}
