import { z } from 'zod';
import { configSchema } from './schema';

export const JSON_SCHEMA_ID = 'https://ftp-kit.dev/schema/ftp-kit.schema.json';

/** The JSON Schema of the config as users write it (defaults optional), from the same zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  // `allow` entries are preprocessed from plain strings, which zod cannot express: say so here.
  const allow = (schema.properties as Record<string, { items: object }>).allow;
  allow.items = { anyOf: [{ type: 'string', description: 'An IPv4 or IPv6 CIDR, e.g. "198.51.100.0/24".' }, allow.items] };
  return { ...schema, $id: JSON_SCHEMA_ID, title: 'ftp-kit config' };
}
