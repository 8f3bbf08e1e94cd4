/*
 * CloudWatch Logs' filter-pattern syntax for unstructured events, the part ftp-kit's metric filters
 * use: terms (bare words or "quoted phrases") all of which must occur, `-term` that must not, or
 * `?term ?term` of which one must. Matching is case-sensitive and by substring, as CloudWatch does.
 */
interface Term {
  readonly text: string;
  readonly kind: 'all' | 'not' | 'any';
}

export function parseFilterPattern(pattern: string): Term[] {
  const terms: Term[] = [];
  const re = /([?-]?)(?:"([^"]*)"|(\S+))/g;
  for (const match of pattern.matchAll(re)) {
    const kind = match[1] === '-' ? 'not' : match[1] === '?' ? 'any' : 'all';
    terms.push({ kind, text: match[2] ?? match[3] });
  }
  if (terms.some((t) => t.kind === 'any') && terms.some((t) => t.kind !== 'any')) {
    throw new Error(`"?" terms cannot be mixed with others in one pattern: ${pattern}`);
  }
  return terms;
}

/** True when CloudWatch would count `line` for `pattern`. */
export function matchesFilterPattern(pattern: string, line: string): boolean {
  const terms = parseFilterPattern(pattern);
  if (terms.length === 0) return true;
  if (terms[0].kind === 'any') return terms.some((t) => line.includes(t.text));
  return terms.every((t) => (t.kind === 'not' ? !line.includes(t.text) : line.includes(t.text)));
}
