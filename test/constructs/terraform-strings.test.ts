/*
 * Nothing a user writes may be evaluated by Terraform: every string field of the config either
 * reaches the stack escaped (terraformLiteral / terraformTemplateLiteral), or is refused by the
 * schema when it holds a template character, or never reaches the stack. The schema is walked, so
 * a new string field fails here until it is listed, and the property test then holds it to that.
 */
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { z } from 'zod';
import { ConfigError, validateConfig } from '../../lib/config/load';
import { configSchema, FtpKitConfigInput } from '../../lib/config/schema';
import { FtpKitStack } from '../../lib/constructs/stack';
import { terraformLiteral } from '../../lib/constructs/template-literal';
import { hostileString, interpolationsOf, literalValue } from './terraform-template';

type Handling = 'escaped' | 'refused' | 'not-in-stack';
const BASE = { allow: ['198.51.100.0/24'], users: [{ name: 'alice', write: true }] };
const ACK = { rule: 'FTPKIT-SSH-INGRESS', reason: 'a reason long enough' };

/**
 * Every string of the config (path as the walker below spells it), how it is kept from Terraform's
 * evaluation, and a config that carries `s` in it. `refused`: the schema admits none of `$`, `%`, `{`.
 */
const LETS_ENCRYPT = {
  mode: 'lets-encrypt',
  domain: 'ftp.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  email: 'ops@example.com',
} as const;

const FIELDS: Record<string, { handling: Handling; place: (s: string) => FtpKitConfigInput }> = {
  $schema: { handling: 'not-in-stack', place: (s) => ({ ...BASE, $schema: s }) },
  name: { handling: 'refused', place: (s) => ({ ...BASE, name: s }) },
  region: { handling: 'refused', place: (s) => ({ ...BASE, region: s }) },
  'allow[].cidr': { handling: 'refused', place: (s) => ({ ...BASE, allow: [s] }) },
  'allow[].description': { handling: 'escaped', place: (s) => ({ ...BASE, allow: [{ cidr: '198.51.100.0/24', description: s }] }) },
  'users[].name': { handling: 'refused', place: (s) => ({ ...BASE, users: [{ name: s }] }) },
  'instance.type': { handling: 'refused', place: (s) => ({ ...BASE, instance: { type: s } }) },
  'storage.volumeId': { handling: 'refused', place: (s) => ({ ...BASE, availabilityZone: 'us-east-1a', storage: { volumeId: s } }) },
  banner: { handling: 'escaped', place: (s) => ({ ...BASE, banner: s }) },
  subnetId: {
    handling: 'refused',
    place: (s) => ({ ...BASE, subnetId: s, vpcId: 'vpc-0123456789abcdef0', availabilityZone: 'us-east-1a' }),
  },
  vpcId: {
    handling: 'refused',
    place: (s) => ({ ...BASE, subnetId: 'subnet-0123456789abcdef0', vpcId: s, availabilityZone: 'us-east-1a' }),
  },
  availabilityZone: { handling: 'refused', place: (s) => ({ ...BASE, availabilityZone: s }) },
  'state.path': { handling: 'refused', place: (s) => ({ ...BASE, state: { backend: 'local', path: s } }) },
  'state.bucket': { handling: 'refused', place: (s) => ({ ...BASE, state: { backend: 's3', bucket: s } }) },
  'state.key': { handling: 'refused', place: (s) => ({ ...BASE, state: { backend: 's3', bucket: 'state-bucket', key: s } }) },
  'state.region': { handling: 'refused', place: (s) => ({ ...BASE, state: { backend: 's3', bucket: 'state-bucket', region: s } }) },
  'acknowledge[].rule': { handling: 'refused', place: (s) => ({ ...BASE, acknowledge: [{ ...ACK, rule: s }] }) },
  // A resource is one word of printable ASCII (the schema refuses the rest): the text, spaces made underscores.
  'acknowledge[].resource': {
    handling: 'not-in-stack',
    place: (s) => ({ ...BASE, acknowledge: [{ ...ACK, resource: s.replace(/[^\x21-\x7e]/g, '_') || '_' }] }),
  },
  'acknowledge[].reason': { handling: 'not-in-stack', place: (s) => ({ ...BASE, acknowledge: [{ ...ACK, reason: s }] }) },
  'alerts.email': { handling: 'refused', place: (s) => ({ ...BASE, alerts: { email: s } }) },
  'ban.ignoreCidrs[]': { handling: 'refused', place: (s) => ({ ...BASE, ban: { ignoreCidrs: [s] } }) },
  'updates.rebootWindow': { handling: 'refused', place: (s) => ({ ...BASE, updates: { rebootWindow: s } }) },
  'tls.domain': { handling: 'refused', place: (s) => ({ ...BASE, tls: { ...LETS_ENCRYPT, domain: s } }) },
  'tls.hostedZoneId': { handling: 'refused', place: (s) => ({ ...BASE, tls: { ...LETS_ENCRYPT, hostedZoneId: s } }) },
  'tls.email': { handling: 'refused', place: (s) => ({ ...BASE, tls: { ...LETS_ENCRYPT, email: s } }) },
  'tls.secretArn': { handling: 'refused', place: (s) => ({ ...BASE, tls: { mode: 'imported', secretArn: s } }) },
  'tags{key}': { handling: 'escaped', place: (s) => ({ ...BASE, tags: { [s]: 'v' } }) },
  'tags{value}': { handling: 'escaped', place: (s) => ({ ...BASE, tags: { team: s } }) },
};

/** The paths of every string the schema admits (record keys included), through defaults, unions and preprocessing. */
function stringFields(schema: z.core.$ZodType, at = ''): string[] {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, any>;
  const join = (part: string) => (at ? `${at}.${part}` : part);
  switch (def.type) {
    case 'string':
      return [at];
    case 'object':
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).flatMap(([key, value]) => stringFields(value, join(key)));
    case 'array':
      return stringFields(def.element, `${at}[]`);
    case 'record':
      return [...stringFields(def.keyType, `${at}{key}`), ...stringFields(def.valueType, `${at}{value}`)];
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return stringFields(def.innerType, at);
    case 'pipe':
      return [...stringFields(def.in, at), ...stringFields(def.out, at)];
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((option) => stringFields(option, at));
    default:
      return [];
  }
}

function synthJson(input: FtpKitConfigInput): unknown {
  const config = validateConfig(input);
  const app = Testing.app({ enableFutureFlags: false });
  return JSON.parse(Testing.synth(new FtpKitStack(app, config.name, { config, workingDirectory: '/tmp' })));
}

/** Every string of a JSON document, object keys included. */
function stringsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsOf);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => [k, ...stringsOf(v)]);
  return [];
}

const refusal = (input: FtpKitConfigInput): ConfigError | undefined => {
  try {
    validateConfig(input);
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
};

describe('config strings that reach Terraform', () => {
  test('GIVEN the config schema WHEN its string fields are walked THEN every one is listed with its handling', () => {
    expect([...new Set(stringFields(configSchema))].sort()).toEqual(Object.keys(FIELDS).sort());
  });

  // A baseline per field: the same config with a neutral value, so that the interpolations cdktf writes itself are known.
  const MARK = 'Zq7';
  const neutral = `${MARK} neutral`;

  describe.each(Object.entries(FIELDS).filter(([, f]) => f.handling === 'escaped'))('GIVEN hostile text in %s', (field, { place }) => {
    test('THEN it is refused with the field named, or synthesized so that Terraform reads it literally and evaluates nothing of it', () => {
      const baseline = refusal(place(neutral)) ? undefined : interpolationsOf(stringsOf(synthJson(place(neutral))));
      fc.assert(
        fc.property(hostileString(), (hostile) => {
          const text = `${MARK}${hostile}`;
          const refused = refusal(place(text));
          if (refused) {
            expect(refused.problems.map((p) => p.field).join(' ')).toMatch(new RegExp(`^(allow|banner|tags)`));
            return;
          }
          const strings = stringsOf(synthJson(place(text)));
          expect(strings.some((s) => literalValue(s).includes(text))).toBe(true);
          // Whatever the text holds, the stack's interpolations and directives are exactly those of the neutral config.
          expect(interpolationsOf(strings)).toEqual(baseline);
        }),
        { numRuns: 25, verbose: 2 },
      );
    });
  });

  describe.each(Object.entries(FIELDS).filter(([, f]) => f.handling === 'refused'))(
    'GIVEN ${, %{ or a cdktf token marker in %s',
    (field, { place }) => {
      test('THEN the schema refuses it', () => {
        fc.assert(
          fc.property(hostileString(), fc.constantFrom('${x}', '%{x}', '${TfToken[TOKEN.0]}'), (hostile, template) => {
            expect(refusal(place(`${hostile}${template}`))).toBeInstanceOf(ConfigError);
          }),
          { numRuns: 20 },
        );
      });
    },
  );

  describe.each(Object.entries(FIELDS).filter(([, f]) => f.handling === 'not-in-stack'))('GIVEN text in %s', (field, { place }) => {
    test('THEN it does not reach the stack', () => {
      const text = `${MARK} not in the stack \${x}`;
      expect(stringsOf(synthJson(place(text))).some((s) => s.includes(MARK))).toBe(false);
    });
  });

  test('GIVEN a user string that spells a cdktf token THEN terraformLiteral keeps it from resolving to a reference', () => {
    expect(literalValue(terraformLiteral('a ${TfToken[TOKEN.0]} #{TfToken[TOKEN.1]} $${x} %{y}'))).toBe(
      'a ${TfToken[TOKEN.0]} #{TfToken[TOKEN.1]} $${x} %{y}',
    );
  });
});
