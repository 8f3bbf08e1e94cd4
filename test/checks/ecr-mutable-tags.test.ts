import { rule } from '../../lib/checks/ecr-mutable-tags';
import { Block } from '../constructs/helpers';
import { check, edited, resourceOf } from './helpers';
import { ecsJson } from './ecs-helpers';

describe('FTPKIT-ECR-MUTABLE-TAGS', () => {
  let json: Block;
  beforeAll(() => {
    json = ecsJson();
  });

  test("GIVEN FtpContainerServer THEN the repository's tags are immutable: compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when tags are mutable, or mutability is left to its default', () => {
    expect(
      check(
        rule,
        edited(json, (j) => {
          resourceOf(j, 'aws_ecr_repository').image_tag_mutability = 'MUTABLE';
        }),
      ),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('image_tag_mutability = "MUTABLE"') })]);
    expect(
      check(
        rule,
        edited(json, (j) => {
          delete resourceOf(j, 'aws_ecr_repository').image_tag_mutability;
        }),
      ),
    ).toHaveLength(1);
  });
});
