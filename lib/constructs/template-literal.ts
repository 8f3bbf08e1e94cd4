/** A cdktf string token as it appears inside a string before synthesis. */
const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9_.]+\]\}/g;

/**
 * Literal text for a Terraform string template. Each `$` of a `$…${` run is written as the constant
 * interpolation `${"$"}`, not as Terraform's `$${` escape: cdktf reads every `${` of a string that
 * holds a token as the start of an expression, so an unbalanced `$${` in a banner made it write
 * the next token (pasv_address) without its `${ }`. `%{` becomes `%%{` (cdktf ignores it). Text that
 * spells a cdktf token marker (`${TfToken[…]}`, `#{TfToken[…]}`) gets its `f` as `${"f"}`, so cdktf
 * never resolves user text into a reference. Terraform shows the text byte for byte.
 */
function escapeLiteral(literal: string): string {
  // A replacer function: in a replacement string, `$$` would itself mean one `$`.
  return literal.replace(/\$+\{|%\{|TfToken\[/g, (match) => {
    if (match === '%{') return '%%{';
    if (match === 'TfToken[') return 'T${"f"}Token[';
    return `${'${"$"}'.repeat(match.length - 1)}{`;
  });
}

/**
 * Makes text safe as a Terraform string template while keeping cdktf tokens live: `${` and `%{` in
 * the literal parts are escaped (escapeLiteral), tokens stay references. cdktf passes plain strings
 * through unescaped, so a shell `${var}` would otherwise be interpolated.
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
