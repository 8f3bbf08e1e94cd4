/** A cdktf string token as it appears inside a string before synthesis. */
const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9_.]+\]\}/g;

/**
 * Makes text safe as a Terraform string template while keeping cdktf tokens live: `${` and `%{` in
 * the literal parts become `$${` and `%%{` (Terraform's escapes), tokens stay references. cdktf
 * passes plain strings through unescaped, so a shell `${var}` would otherwise be interpolated.
 */
export function terraformTemplateLiteral(text: string): string {
  // Replacer functions: in a replacement string, `$$` would itself mean one `$`.
  const escape = (literal: string) => literal.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(STRING_TOKEN)) {
    out += escape(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escape(text.slice(last));
}
