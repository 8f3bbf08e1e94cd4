import { partitionOf } from '../../lib/constructs/partition';

describe('partitionOf', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eu-central-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('GIVEN %s THEN the partition is %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
