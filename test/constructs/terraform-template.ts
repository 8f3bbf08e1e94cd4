import fc from 'fast-check';

/*
 * Terraform's reading of a string in cdk.tf.json, written here independently of lib/ so that the
 * escaping is checked against the rules, not against itself: `$${` and `%%{` are literal `${` and
 * `%{`; any other `${ … }` is an interpolation and `%{ … }` a directive (HCL template syntax).
 */
type Part = { readonly literal: string } | { readonly kind: '$' | '%'; readonly expression: string };

function parts(text: string): Part[] {
  const out: Part[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      out.push({ literal: `${text[i]}{` });
      i += 3;
    } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      let depth = 1;
      let j = i + 2;
      let quoted = false;
      for (; j < text.length && depth > 0; j++) {
        if (quoted && text[j] === '\\') j++;
        else if (text[j] === '"') quoted = !quoted;
        else if (!quoted && text[j] === '{') depth++;
        else if (!quoted && text[j] === '}') depth--;
      }
      out.push({ kind: text[i] as '$' | '%', expression: text.slice(i + 2, j - 1) });
      i = j;
    } else {
      out.push({ literal: text[i] });
      i++;
    }
  }
  return out;
}

/** `${"f"}`: a constant, which evaluates nothing of the user's. */
const CONSTANT = /^"([^"\\%{}]*)"$/;

/** The value Terraform gives the string: interpolations as U+0000, directives as U+0001, constants as their text. */
export function literalValue(text: string): string {
  return parts(text)
    .map((p) => {
      if ('literal' in p) return p.literal;
      const constant = p.kind === '$' ? CONSTANT.exec(p.expression) : null;
      return constant ? constant[1] : p.kind === '$' ? '\u0000' : '\u0001';
    })
    .join('');
}

/** Every interpolation and directive Terraform evaluates in these strings (constants aside), sorted. */
export function interpolationsOf(strings: readonly string[]): string[] {
  return strings
    .flatMap((s) =>
      parts(s).flatMap((p) => ('literal' in p || (p.kind === '$' && CONSTANT.test(p.expression)) ? [] : [`${p.kind}{${p.expression}}`])),
    )
    .sort();
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 });

/** Printable ASCII, rich in Terraform template syntax, escapes, quotes, backslashes and cdktf token markers. */
export function hostileString(): fc.Arbitrary<string> {
  const piece = fc.constantFrom(
    '${',
    '%{',
    '$${',
    '%%{',
    '$$',
    '}',
    '"',
    '\\',
    '\\"',
    '$',
    '%',
    '${file("/etc/hostname")}',
    '%{ if true }x%{ endif }',
    '${"$"}',
    'TfToken[',
    '${TfToken[TOKEN.0]}',
    '#{TfToken[TOKEN.1]}',
    '${path.module}',
    '~}',
  );
  return fc.array(fc.oneof(piece, printable), { maxLength: 8 }).map((pieces) => pieces.join(''));
}
