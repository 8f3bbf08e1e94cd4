import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';

export interface FtpImageRepositoryProps {
  /** Repository name: `ftp-kit/<name>`. */
  readonly name: string;
}

/**
 * The ECR repository of the container target's image: scanned on push, tags immutable (the tag is
 * a hash of the rendered files, so a tag never changes meaning), encrypted at rest.
 *
 * Construct IDs: `Resource` (aws_ecr_repository).
 */
export class FtpImageRepository extends Construct {
  /** `<account>.dkr.ecr.<region>.amazonaws.com/ftp-kit/<name>`: where `ftp-kit image push` pushes. */
  public readonly repositoryUrl: string;
  public readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: FtpImageRepositoryProps) {
    super(scope, id);
    const repo = new EcrRepository(this, 'Resource', {
      name: `ftp-kit/${props.name}`,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
      tags: { Name: props.name },
    });
    this.repositoryUrl = repo.repositoryUrl;
    this.repositoryArn = repo.arn;
  }
}
