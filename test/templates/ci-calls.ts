/*
 * What the CI templates' tests share: splitting a shell line into words, and checking that every
 * `npx ftp-kit …` call names a verb and flags the CLI really has, with values it accepts.
 */
import { Command } from 'commander';
import { program } from '../../bin/cli';

/** Splits a shell line into words: quotes kept together, `$VAR` left as a word, redirections dropped. */
export function words(line: string): string[] {
  const out = [...line.matchAll(/"[^"]*"|'[^']*'|\S+/g)].map((m) => m[0].replace(/^["']|["']$/g, ''));
  const redirect = out.findIndex((w) => /^(>>?|<)$/.test(w) || /^\d?>/.test(w));
  return redirect >= 0 ? out.slice(0, redirect) : out;
}

/** The arguments after `npx ftp-kit` of every line that calls it. */
export function ftpKitCalls(lines: readonly string[]): string[][] {
  return lines
    .map((l) => words(l.replace(/\s+#.*$/, '')))
    .filter((w) => w[0] === 'npx' && w[1] === 'ftp-kit')
    .map((w) => w.slice(2));
}

/** Every flag of every call that the CLI does not have, or a value its choices refuse (empty when all are real). */
export function unknownFlags(calls: readonly string[][]): string[] {
  const problems: string[] = [];
  for (const [verb, ...args] of calls) {
    const command = program.commands.find((c: Command) => c.name() === verb);
    if (!command) {
      problems.push(`no verb ${verb}`);
      continue;
    }
    for (let i = 0; i < args.length; i++) {
      if (!args[i].startsWith('-')) continue;
      const option = command.options.find((o) => o.long === args[i] || o.short === args[i]);
      if (!option) problems.push(`${verb} ${args[i]}`);
      else if (option.argChoices && !option.argChoices.includes(args[i + 1])) problems.push(`${verb} ${args[i]} ${args[i + 1]}`);
    }
  }
  return problems;
}
