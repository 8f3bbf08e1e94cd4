import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import { ValidationError } from '../errors';

export interface FtpElasticIpProps {
  /** Name tag. */
  readonly name: string;
}

/**
 * The Elastic IP clients reach. It is allocated before the instance, because its address is
 * vsftpd's pasv_address (in user-data), and associated afterwards with `associate()`; it stays
 * the same when the instance is replaced.
 *
 * Construct IDs: `Resource` (aws_eip), `Association` (aws_eip_association).
 */
export class FtpElasticIp extends Construct {
  public readonly publicIp: string;
  public readonly allocationId: string;
  private association?: EipAssociation;

  constructor(scope: Construct, id: string, props: FtpElasticIpProps) {
    super(scope, id);
    const eip = new Eip(this, 'Resource', { domain: 'vpc', tags: { Name: props.name } });
    this.publicIp = eip.publicIp;
    this.allocationId = eip.allocationId;
  }

  /** Associates the address with the instance; once only. */
  public associate(instanceId: string): EipAssociation {
    if (this.association) throw new ValidationError(`FtpElasticIp ${this.node.path}: already associated`, this);
    this.association = new EipAssociation(this, 'Association', { allocationId: this.allocationId, instanceId });
    return this.association;
  }
}
