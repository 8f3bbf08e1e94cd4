import { Construct } from 'constructs';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { VolumeAttachment } from '@cdktf/provider-aws/lib/volume-attachment';
import { ValidationError } from '../errors';

/** The device name the data volume is attached as; on Nitro it shows up as NVMe, found by volume id. */
export const DATA_VOLUME_DEVICE = '/dev/sdf';

export interface FtpDataVolumeProps {
  /** Name tag. */
  readonly name: string;
  /** Zone of the instance's subnet (a volume attaches only within its zone). */
  readonly availabilityZone: string;
  /** Size in GiB (ignored with `existingVolumeId`: the volume has its own). */
  readonly sizeGiB: number;
  /**
   * Attach this existing volume instead of making one: the volume `ftp-kit destroy` kept, with the
   * users' files, password hashes and TLS key on it. It must be in `availabilityZone`. ftp-kit does
   * not manage it: a later destroy leaves it standing, whatever `--delete-data` says.
   * @default a new encrypted gp3 volume
   */
  readonly existingVolumeId?: string;
  /** More tags on the new volume (e.g. FtpBackup.backupTag). @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** KMS key for the encryption. @default the account's aws/ebs key */
  readonly kmsKeyId?: string;
  /**
   * Take a snapshot when Terraform destroys the volume, so `destroy` is not the end of the files.
   * The snapshot is not managed by Terraform: delete it by hand when it is no longer needed.
   * @default true
   */
  readonly finalSnapshot?: boolean;
}

/**
 * The encrypted gp3 volume that holds the users' files, their password hashes and the TLS key.
 * It is its own resource, so it outlives a replaced instance; `attach()` connects it.
 *
 * Construct IDs: `Volume` (aws_ebs_volume; absent with `existingVolumeId`), `Attachment` (aws_volume_attachment).
 */
export class FtpDataVolume extends Construct {
  public readonly volumeId: string;
  public readonly availabilityZone: string;
  private attachment?: VolumeAttachment;

  constructor(scope: Construct, id: string, props: FtpDataVolumeProps) {
    super(scope, id);
    this.availabilityZone = props.availabilityZone;
    if (props.existingVolumeId !== undefined) {
      this.volumeId = props.existingVolumeId;
      return;
    }
    const volume = new EbsVolume(this, 'Volume', {
      availabilityZone: props.availabilityZone,
      size: props.sizeGiB,
      type: 'gp3',
      encrypted: true,
      kmsKeyId: props.kmsKeyId,
      finalSnapshot: props.finalSnapshot ?? true,
      tags: { ...props.tags, Name: `${props.name}-data` },
    });
    this.volumeId = volume.id;
  }

  /** Attaches the volume to the instance as DATA_VOLUME_DEVICE; once only. */
  public attach(instanceId: string): VolumeAttachment {
    if (this.attachment)
      throw new ValidationError(`FtpDataVolume ${this.node.path}: already attached — a volume attaches to one instance`, this);
    this.attachment = new VolumeAttachment(this, 'Attachment', {
      deviceName: DATA_VOLUME_DEVICE,
      volumeId: this.volumeId,
      instanceId,
      // A clean unmount (the instance stops first) beats a forced detach of a mounted filesystem.
      stopInstanceBeforeDetaching: true,
    });
    return this.attachment;
  }
}
