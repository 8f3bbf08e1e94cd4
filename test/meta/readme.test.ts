/*
 * README's config reference is hand-written for readability; this keeps it in step with the schema:
 * every field documented, no field invented, and the defaults it states are the schema's.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { configSchema, DEFAULTS } from '../../lib/config/schema';

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

function configReferenceRows(): Map<string, string> {
  const section = README.split(/^## Config reference$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const field = /^`([A-Za-z]+)`$/.exec(cells[1] ?? '');
    if (field) rows.set(field[1], cells[2]);
  }
  return rows;
}

describe('README config reference', () => {
  const rows = configReferenceRows();

  test('THEN it documents exactly the fields of the schema', () => {
    const fields = Object.keys(configSchema.shape).filter((f) => f !== '$schema');
    expect([...rows.keys()].sort()).toEqual(fields.sort());
  });

  test.each([
    ['name', `\`${DEFAULTS.name}\``],
    ['region', `\`${DEFAULTS.region}\``],
    ['controlPort', `\`${DEFAULTS.controlPort}\``],
    ['passivePorts', `\`{ from: ${DEFAULTS.passivePorts.from}, to: ${DEFAULTS.passivePorts.to} }\``],
    ['storage', `\`{ sizeGiB: ${DEFAULTS.storageSizeGiB} }\``],
    ['banner', `\`${DEFAULTS.banner}\``],
  ])('THEN the default it states for %s is the schema\'s', (field, text) => {
    expect(rows.get(field)).toBe(text);
  });

  test('THEN the limits it states are the schema\'s defaults', () => {
    const limits = rows.get('limits') ?? '';
    expect(limits).toContain(`maxClients ${DEFAULTS.maxClients}`);
    expect(limits).toContain(`maxPerIp ${DEFAULTS.maxPerIp}`);
    expect(limits).toContain(`maxLoginFails ${DEFAULTS.maxLoginFails}`);
  });
});
