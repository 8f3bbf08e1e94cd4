import { z } from 'zod';
import { configSchema } from './schema';

export const JSON_SCHEMA_ID = 'https://ftp-kit.dev/schema/ftp-kit.schema.json';

/** The JSON Schema of the config as users write it (defaults optional), from the same zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: JSON_SCHEMA_ID, title: 'ftp-kit config' };
}
