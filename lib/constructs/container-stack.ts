import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { FtpKitConfig } from '../config/schema';
import { FtpContainerServer } from './container-server';
import { configureStack } from './stack';

export interface FtpKitContainerStackProps {
  /** The validated config, target "ecs". */
  readonly config: FtpKitConfig;
  /** Folder a relative local state path is relative to (see FtpKitStackProps). @default process.cwd() */
  readonly workingDirectory?: string;
}

/**
 * The deployable stack of target "ecs": provider and state backend as FtpKitStack's, and one
 * FtpContainerServer (construct ID `Server`). Its id is the stack name, `config.name`.
 */
export class FtpKitContainerStack extends TerraformStack {
  public readonly server: FtpContainerServer;

  constructor(scope: Construct, id: string, props: FtpKitContainerStackProps) {
    super(scope, id);
    if (props.config.target !== 'ecs') {
      throw new Error(`FtpKitContainerStack ${id}: config.target is "${props.config.target}" — use FtpKitStack, or set target "ecs"`);
    }
    configureStack(this, id, props.config, props.workingDirectory);
    this.server = new FtpContainerServer(this, 'Server', { config: props.config });
  }
}
