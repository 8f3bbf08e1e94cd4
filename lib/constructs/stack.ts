import * as path from 'node:path';
import { Construct } from 'constructs';
import { App, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { FtpKitConfig } from '../config/schema';
import { FtpServer, FtpServerProps } from './server';
import { terraformLiteral } from './template-literal';

export interface FtpKitStackProps extends Omit<FtpServerProps, 'config'> {
  readonly config: FtpKitConfig;
  /**
   * Folder a relative local state path (`state.path`, default `terraform.<name>.tfstate`) is
   * relative to: where the user runs ftp-kit. Terraform runs in the stack folder, so the path is
   * written relative to that, which keeps the state out of the disposable synth output.
   * @default process.cwd()
   */
  readonly workingDirectory?: string;
}

/**
 * The deployable stack: the AWS provider (region, default tags from `config.tags` plus
 * `ftp-kit:stack`), the state backend from `config.state`, and one FtpServer (construct ID
 * `Server`). Its id is the stack name, `config.name`. Outputs are declared by the caller (bin/).
 */
export class FtpKitStack extends TerraformStack {
  public readonly server: FtpServer;

  constructor(scope: Construct, id: string, props: FtpKitStackProps) {
    super(scope, id);
    const { config, workingDirectory, ...serverProps } = props;
    configureStack(this, id, config, workingDirectory);
    this.server = new FtpServer(this, 'Server', { config, ...serverProps });
  }
}

/**
 * What every ftp-kit stack has, whichever server it holds: the AWS provider (region, default tags
 * from `config.tags` plus `ftp-kit:stack`) and the state backend from `config.state`.
 */
export function configureStack(stack: TerraformStack, id: string, config: FtpKitConfig, workingDirectory?: string): void {
  new AwsProvider(stack, 'aws', {
    region: config.region,
    defaultTags: [
      {
        tags: Object.fromEntries(
          Object.entries({ ...config.tags, 'ftp-kit:stack': config.name }).map(([key, value]) => [
            terraformLiteral(key),
            terraformLiteral(value),
          ]),
        ),
      },
    ],
  });
  const state = config.state;
  if (state.backend === 's3') {
    const backend = new S3Backend(stack, {
      bucket: state.bucket,
      key: state.key ?? `ftp-kit/${config.name}.tfstate`,
      region: state.region ?? config.region,
      encrypt: true,
    });
    // S3-native locking (Terraform ≥ 1.10); cdktf 0.21's S3Backend has no field for it.
    backend.addOverride('use_lockfile', true);
  } else {
    const stackDir = path.resolve(App.of(stack).outdir, 'stacks', id);
    const statePath = path.resolve(workingDirectory ?? process.cwd(), state.path ?? `terraform.${config.name}.tfstate`);
    new LocalBackend(stack, { path: path.relative(stackDir, statePath) });
  }
}
