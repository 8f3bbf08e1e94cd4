import { referencesIn } from '../model/expressions';
import { Rule, RuleFinding } from './types';

/** Kinds of key material and password that must never be in user-data, the stack or the plan. */
export const SECRET_PATTERNS: ReadonlyArray<readonly [kind: string, pattern: RegExp]> = [
  ['a PEM private key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/],
  [
    'a crypt(3) password hash',
    /\$(?:5|6)\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{20,}|\$y\$[./A-Za-z0-9]+\$[./A-Za-z0-9]{8,}\$[./A-Za-z0-9]{20,}|\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/,
  ],
  ['an AWS access key id', /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/],
  ['an AWS secret access key', /aws_secret_access_key\s*[=:]\s*['"]?[A-Za-z0-9/+]{40}/i],
  ['a password', /"(?:password|passwd)"\s*:\s*"[^"$]/i],
  ['a password', /\b(?:password|passwd)\s*[=:]\s*['"]?[A-Za-z0-9+/!@#%^&*_.-]{8,}/i],
];

/** Resources that keep a secret in Terraform state (and the plan) by design, and the attributes that hold it. */
const SECRET_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  aws_ssm_parameter: ['value'],
  aws_iam_access_key: [],
  aws_iam_user_login_profile: [],
  tls_private_key: [],
  random_password: [],
};

/** The first secret-looking string inside a value: where it is and what kind. */
function findSecret(value: unknown, path: string, depth = 0): { path: string; kind: string } | undefined {
  if (depth > 32) return undefined;
  if (typeof value === 'string') {
    const hit = SECRET_PATTERNS.find(([, re]) => re.test(value));
    return hit ? { path, kind: hit[0] } : undefined;
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`${path}[${i}]`, v] as const)
    : value !== null && typeof value === 'object'
      ? Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const)
      : [];
  for (const [p, v] of entries) {
    const hit = findSecret(v, p, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * User-data, launch templates and the plan are readable by anyone with ec2:Describe* or access to
 * CI artifacts and state; a password or key there is a password or key for all of them. ftp-kit
 * generates passwords and the TLS key on the server and stores passwords in Secrets Manager itself.
 */
export const rule: Rule = {
  id: 'FTPKIT-SECRET-IN-CONFIG',
  level: 'high',
  name: 'Key material or password in user-data, stack or plan',
  description:
    'A private key, password hash, password or AWS key is written into ' +
    'the configuration (user-data included), or a resource keeps a secret ' +
    'in Terraform state.',
  fix:
    'Generate secrets on the server and store them in Secrets Manager ' +
    'from there (FtpUserSecrets makes only empty secrets); never pass them ' +
    'through Terraform. Rotate the exposed secret.',
  refs: { checkov: ['CKV_AWS_46'] },
  check(model) {
    const findings: RuleFinding[] = [];
    for (const resource of model.resources) {
      if (resource.mode !== 'managed') continue;
      const kinds = SECRET_RESOURCES[resource.type];
      if (kinds !== undefined) {
        const isSecure = resource.type !== 'aws_ssm_parameter' || (resource.values.type ?? resource.expressions.type) === 'SecureString';
        const set =
          kinds.length === 0 ||
          kinds.some(
            (k) =>
              (resource.values[k] ?? resource.expressions[k]) !== undefined && (resource.values[k] ?? resource.expressions[k]) !== null,
          );
        if (isSecure && set) {
          findings.push({
            resource: resource.address,
            message: `${resource.address} keeps a secret in Terraform state and plan${kinds.length > 0 ? ` (${kinds.join('/')})` : ''}`,
          });
          continue;
        }
      }
      const hit = findSecret(resource.values, '') ?? findSecret(resource.expressions, '');
      if (hit)
        findings.push({
          resource: resource.address,
          message: `${resource.address} holds ${hit.kind} in ${hit.path || 'its configuration'}`,
        });
    }
    // Locals (a synthesized stack: the user-data text lives in one): blame each resource that uses it.
    for (const [name, value] of Object.entries(model.locals)) {
      const hit = findSecret(value, `local.${name}`);
      if (!hit) continue;
      const users = model.resources.filter((r) => referencesIn(r.expressions).some((ref) => ref.address === `local.${name}`));
      for (const user of users.length > 0 ? users.map((u) => u.address) : [`local.${name}`]) {
        findings.push({ resource: user, message: `${hit.path}, used by ${user}, holds ${hit.kind}` });
      }
    }
    return findings;
  },
};
