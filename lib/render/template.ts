import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mustache from 'mustache';
import { packageRoot } from '../package-root';

// Read on every call (a synth reads each template about once): no cache that could go stale.
function templateText(name: string): string {
  return readFileSync(path.join(packageRoot(), 'templates', name), 'utf8');
}

/**
 * Each template's text as it was parsed, and its tokens: `npm run build` writes it beside this module
 * in dist/ (scripts/template-tokens.js).
 */
export type TokenTable = Record<string, { readonly text: string; readonly tokens: Mustache.TemplateSpans }>;

/** Where the built table sits: beside the compiled module (none beside the TypeScript source: then every template is parsed). */
export const TOKEN_TABLE_FILE = path.join(__dirname, 'templates.tokens.json');

let builtTable: TokenTable | null | undefined;

/** The table the build wrote, read once; null when there is none (or it cannot be read). */
function readBuiltTable(): TokenTable | null {
  if (builtTable === undefined) {
    try {
      builtTable = JSON.parse(readFileSync(TOKEN_TABLE_FILE, 'utf8')) as TokenTable;
    } catch {
      builtTable = null;
    }
  }
  return builtTable;
}

/**
 * The template's tokens. Mustache's parser makes a token of every character before it merges them,
 * so parsing the ~30 KB of templates took ~15 ms of a cold synth; the built table spares that. An
 * entry is used only for the very text it was parsed from: a template edited after the build is
 * parsed afresh, and without a table (tests run the TypeScript source) every template is.
 */
export function tokensFor(name: string, text: string, table: TokenTable | null = readBuiltTable()): Mustache.TemplateSpans {
  const entry = table?.[name];
  return entry !== undefined && entry.text === text ? entry.tokens : Mustache.parse(text);
}

/**
 * Renders a template from templates/. Values are never HTML-escaped (these are config files);
 * they are safe because the config schema only admits one-line printable values, and the
 * renderers re-check anything that ends up on a directive line.
 */
export function renderTemplate(name: string, view: object): string {
  const text = templateText(name);
  // @types/mustache types renderTokens' tokens as string[][]; they are what Mustache.parse returns.
  const tokens = tokensFor(name, text) as unknown as string[][];
  return new Mustache.Writer().renderTokens(tokens, new Mustache.Context(view), {}, text, {
    escape: (value: unknown) => String(value),
  });
}

/** Every `*.mustache` under templates/, parsed: the table `npm run build` writes (scripts/template-tokens.js). */
export function tokenTable(root = packageRoot()): TokenTable {
  const dir = path.join(root, 'templates');
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.mustache'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
  return Object.fromEntries(
    names.map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      return [name, { text, tokens: Mustache.parse(text) }];
    }),
  );
}
