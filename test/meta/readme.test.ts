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
  ])("THEN the default it states for %s is the schema's", (field, text) => {
    expect(rows.get(field)).toBe(text);
  });

  test("THEN the limits it states are the schema's defaults", () => {
    const limits = rows.get('limits') ?? '';
    expect(limits).toContain(`maxClients ${DEFAULTS.maxClients}`);
    expect(limits).toContain(`maxPerIp ${DEFAULTS.maxPerIp}`);
    expect(limits).toContain(`maxLoginFails ${DEFAULTS.maxLoginFails}`);
  });
});

describe('README commands', () => {
  const { program } = require('../../bin/cli') as typeof import('../../bin/cli');

  /** Every `ftp-kit <verb> …` README shows: in shell blocks, and in the first cell of the commands table. */
  function invocations(): string[] {
    const found: string[] = [];
    let inShell = false;
    for (const line of README.split('\n')) {
      if (/^```/.test(line)) {
        inShell = /^```sh/.test(line);
        continue;
      }
      if (inShell) found.push(...[...line.matchAll(/ftp-kit ([a-z]+(?: [^#|]*)?)/g)].map((m) => m[1]));
      const cell = /^\| `ftp-kit ([^`]+)` \|/.exec(line);
      if (cell) found.push(cell[1]);
    }
    return found;
  }

  const commands = invocations();

  test('THEN it shows every verb the CLI has, and the set-up runs the test command CI runs', () => {
    const verbs = new Set(commands.map((c) => c.split(' ')[0]));
    expect([...verbs].sort()).toEqual(program.commands.map((c) => c.name()).sort());
    const ci = readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8').trim().split('\n').pop();
    const setup = README.split(/^## Set-up$/m)[1].split(/^## /m)[0];
    expect(setup).toContain(`\n${ci}\n`);
  });

  test.each(commands.map((c) => [c]))('THEN `ftp-kit %s` names a real verb and real flags', (invocation) => {
    const [verb, ...words] = invocation.split(/\s+/);
    let command = program.commands.find((c) => c.name() === verb);
    expect(command).toBeDefined();
    // A verb with sub-verbs (`image build`): the flags are the sub-verb's.
    const sub = command!.commands.find((c) => c.name() === words[0]);
    if (command!.commands.length > 0) expect(sub).toBeDefined();
    if (sub) command = sub;
    const rest = sub ? words.slice(1) : words;
    const known = new Set(command!.options.flatMap((o) => [o.long, o.short]).filter(Boolean));
    known.add('--help');
    const flags = rest.join(' ').match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? [];
    expect(flags.filter((f) => !known.has(f))).toEqual([]);
  });
});
