import { DATA_VOLUME_DEVICE, FtpDataVolume } from '../../lib/constructs/data-volume';
import { ref, Synth, synth } from './helpers';

describe('FtpDataVolume', () => {
  describe('GIVEN 50 GiB in eu-central-1a, attached to an instance', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth((stack) => {
        const volume = new FtpDataVolume(stack, 'Data', { name: 'ftp', availabilityZone: 'eu-central-1a', sizeGiB: 50 });
        volume.attach('i-0123456789abcdef0');
      });
    });

    test('THEN one encrypted gp3 volume of that size lives in that zone and is snapshotted on destroy', () => {
      expect(s.all('aws_ebs_volume')).toEqual([
        expect.objectContaining({
          availability_zone: 'eu-central-1a',
          size: 50,
          type: 'gp3',
          encrypted: true,
          final_snapshot: true,
        }),
      ]);
    });

    test('THEN it is attached as /dev/sdf, stopping the instance before a detach', () => {
      const [volumeName] = Object.keys(s.resources('aws_ebs_volume'));
      expect(DATA_VOLUME_DEVICE).toBe('/dev/sdf');
      expect(s.all('aws_volume_attachment')).toEqual([
        {
          device_name: '/dev/sdf',
          instance_id: 'i-0123456789abcdef0',
          volume_id: ref('aws_ebs_volume', volumeName, 'id'),
          stop_instance_before_detaching: true,
        },
      ]);
    });
  });

  test('GIVEN finalSnapshot false and a KMS key THEN both reach the volume', () => {
    const s = synth(
      (stack) =>
        new FtpDataVolume(stack, 'Data', {
          name: 'ftp',
          availabilityZone: 'us-east-1a',
          sizeGiB: 1,
          finalSnapshot: false,
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
        }),
    );
    expect(s.all('aws_ebs_volume')[0]).toMatchObject({
      final_snapshot: false,
      kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k',
      encrypted: true,
    });
  });

  test('fails when attached twice', () => {
    expect(() =>
      synth((stack) => {
        const volume = new FtpDataVolume(stack, 'Data', { name: 'ftp', availabilityZone: 'us-east-1a', sizeGiB: 1 });
        volume.attach('i-1');
        volume.attach('i-2');
      }),
    ).toThrow(/already attached/);
  });
});

describe('FtpDataVolume with an existing volume', () => {
  // GIVEN the volume a destroy kept WHEN it is attached
  const s = synth((stack) => {
    new FtpDataVolume(stack, 'Data', {
      name: 'ftp',
      availabilityZone: 'us-east-1a',
      sizeGiB: 20,
      existingVolumeId: 'vol-0123456789abcdef0',
    }).attach('i-0123456789abcdef0');
  });
  test('THEN no volume is made, and the existing one is attached', () => {
    expect(s.all('aws_ebs_volume')).toEqual([]);
    expect(s.all('aws_volume_attachment')).toEqual([
      expect.objectContaining({ volume_id: 'vol-0123456789abcdef0', instance_id: 'i-0123456789abcdef0' }),
    ]);
  });
});
