/** A cdktf string token as it appears inside a string before synthesis. */
const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9_.]+\]\}/g;

/**
 * Terraform's escapes for literal text in a string template: `${` → `$${`, `%{` → `%%{`. A `$${`
 * that the text itself holds becomes `$$${`, which Terraform reads as `$` then the escape: `$${`.
 * Text that would spell a cdktf token marker (`${TfToken[…]}`, `#{TfToken[…]}`) gets its `f` as the
 * interpolation `${"f"}`, so cdktf never resolves user text into a reference; Terraform shows `f`.
 */
function escapeLiteral(literal: string): string {
  // A replacer function: in a replacement string, `$$` would itself mean one `$`.
  return literal.replace(/\$\{|%\{|TfToken\[/g, (match) => ({ '${': '$${', '%{': '%%{' }[match] ?? 'T${"f"}Token['));
}

/**
 * Makes text safe as a Terraform string template while keeping cdktf tokens live: `${` and `%{` in
 * the literal parts become `$${` and `%%{` (Terraform's escapes), tokens stay references. cdktf
 * passes plain strings through unescaped, so a shell `${var}` would otherwise be interpolated.
 * For text ftp-kit renders (user-data, vsftpd.conf) that may embed tokens.
 */
export function terraformTemplateLiteral(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(STRING_TOKEN)) {
    out += escapeLiteral(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeLiteral(text.slice(last));
}

/**
 * The one escaping point for a string the user wrote (a description, a tag): Terraform shows it
 * literally, whatever it holds — nothing in it is interpolated, no directive runs, no cdktf token
 * resolves. Every config string that reaches the stack goes through this or is refused by the
 * schema (test/constructs/terraform-strings.test.ts holds the list and checks both).
 */
export function terraformLiteral(text: string): string {
  return escapeLiteral(text);
}
