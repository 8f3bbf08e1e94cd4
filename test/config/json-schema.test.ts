import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { configJsonSchema } from '../../lib/config/json-schema';

describe('configJsonSchema', () => {
  const schema = configJsonSchema();

  test('THEN the committed schema/ftp-kit.schema.json is the generated one (run `npm run schema` after changing the config)', () => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'schema', 'ftp-kit.schema.json'), 'utf8'));
    expect(committed).toEqual(schema);
  });

  test('THEN an editor validating with it accepts a good config and rejects a typo', () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate({ allow: ['198.51.100.0/24'], users: [{ name: 'alice', write: true }] })).toBe(true);
    expect(validate({ allow: ['198.51.100.0/24'], users: [{ name: 'alice' }], controlport: 21 })).toBe(false);
  });

  test('THEN every top-level field is described, for completion hints', () => {
    const properties = schema.properties as Record<string, { description?: string }>;
    const undocumented = Object.entries(properties)
      .filter(([key, value]) => key !== '$schema' && !value.description)
      .map(([key]) => key);
    expect(undocumented).toEqual([]);
  });
});
