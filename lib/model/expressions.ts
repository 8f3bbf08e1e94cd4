import { Reference } from './types';

export type Block = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Block => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A nested block as a list of objects, whether written as one object (cdktf) or a list (plan). */
export function blocks(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first block of a nested block, or an empty object. */
export function block(value: unknown): Block {
  return blocks(value)[0] ?? {};
}

/** The `${ ... }` interpolations of a Terraform string template (`$${` is an escaped literal). */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '$' && text[i + 1] === '$' && text[i + 2] === '{') {
      i += 2;
      continue;
    }
    if (text[i] !== '$' || text[i + 1] !== '{') continue;
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    out.push(text.slice(i + 2, j - 1));
    i = j - 1;
  }
  return out;
}

/** A constant interpolation, `${"$"}` or `${"f"}`: how ftp-kit writes literal text cdktf would misread (template-literal.ts). */
const CONSTANT = /^"([^"\\%{}]*)"$/;

/** True when a string holds an interpolation or a directive, i.e. its value is not the text itself. */
export function isTemplate(text: string): boolean {
  return interpolations(text).some((e) => !CONSTANT.test(e)) || /(^|[^%])%\{/.test(text);
}

/** A template's literal text: constant interpolations and Terraform's `$${` and `%%{` escapes undone. */
export function unescapeTemplate(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const constant = text[i] === '$' && text[i + 1] === '{' ? /^\$\{"([^"\\%{}]*)"\}/.exec(text.slice(i)) : null;
    if (constant) {
      out += constant[1];
      i += constant[0].length - 1;
    } else if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      out += `${text[i]}{`;
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// `aws_x.name`, `aws_x.name[0].attr`, `data.aws_x.name.attr`, `local.name`, `var.name`, `module.name.output`.
const REFERENCE =
  /(?<![\w.\]-])(data\.[a-z][a-z0-9_]*|[a-z][a-z0-9]*_[a-z0-9_]*|local|var|module)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?/g;

/** The references in one interpolation's expression. */
function referencesOfExpression(expression: string): Reference[] {
  // String literals inside the expression are not references.
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...code.matchAll(REFERENCE)].map(([, type, name, attribute]) => ({ address: `${type}.${name}`, attribute }));
}

/** Every reference in a value: strings anywhere inside it, in order, without repeats. */
export function referencesIn(value: unknown): Reference[] {
  const found: Reference[] = [];
  const seen = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 32) return;
    if (typeof v === 'string') {
      for (const expr of interpolations(v)) {
        for (const ref of referencesOfExpression(expr)) {
          const key = `${ref.address}.${ref.attribute ?? ''}`;
          if (!seen.has(key)) {
            seen.add(key);
            found.push(ref);
          }
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach((x) => walk(x, depth + 1));
    } else if (isObject(v)) {
      Object.values(v).forEach((x) => walk(x, depth + 1));
    }
  };
  walk(value, 0);
  return found;
}

/** The reference a string is made of, when it is exactly one (`${aws_eip.ip.public_ip}`). */
export function soleReference(value: unknown): Reference | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{\s*((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\}$/.exec(
    value,
  );
  return match ? { address: match[1], attribute: match[2] } : undefined;
}
