import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mustache from 'mustache';
import { renderTemplate, TokenTable, tokenTable, tokensFor } from '../../lib/render/template';

const BUILT = path.join(__dirname, '..', '..', 'dist', 'lib', 'render');

/** A view that answers every name, so each variable and section of a template renders something. */
const anyView = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? `<${key}>` : undefined), has: () => true });

describe('the template token table', () => {
  const table = tokenTable();

  test('GIVEN templates/ THEN the table holds every *.mustache there, nested folders included', () => {
    expect(Object.keys(table)).toEqual(expect.arrayContaining(['vsftpd.conf.mustache', 'fail2ban/jail.conf.mustache']));
    for (const [name, entry] of Object.entries(table)) {
      expect(entry.text).toBe(readFileSync(path.join(__dirname, '..', '..', 'templates', name), 'utf8'));
    }
  });

  test('GIVEN the build THEN dist holds the table of the templates as they are now', () => {
    const built = JSON.parse(readFileSync(path.join(BUILT, 'templates.tokens.json'), 'utf8')) as TokenTable;
    expect(built).toEqual(JSON.parse(JSON.stringify(table)));
  });

  test("GIVEN an entry for the template's text THEN its tokens are used, not a fresh parse", () => {
    const tokens: Mustache.TemplateSpans = [['text', 'from the table', 0, 14]];
    expect(tokensFor('x.mustache', 'same text', { 'x.mustache': { text: 'same text', tokens } })).toBe(tokens);
  });

  test('fails when the template changed after the build: the stale entry is not used, the text is parsed', () => {
    const stale: TokenTable = { 'x.mustache': { text: 'old {{a}}', tokens: [['text', 'old tokens', 0, 10]] } };
    expect(tokensFor('x.mustache', 'new {{a}}', stale)).toEqual(Mustache.parse('new {{a}}'));
    expect(tokensFor('x.mustache', 'new {{a}}', null)).toEqual(Mustache.parse('new {{a}}'));
  });

  test('GIVEN every template THEN the built module (with the table) renders what the source (parsing) renders', () => {
    // The compiled module finds the table beside itself; this test's source module has none.
    const built = require(path.join(BUILT, 'template.js')) as typeof import('../../lib/render/template');
    expect(built.TOKEN_TABLE_FILE).toBe(path.join(BUILT, 'templates.tokens.json'));
    for (const name of Object.keys(table)) {
      expect({ name, text: built.renderTemplate(name, anyView) }).toEqual({ name, text: renderTemplate(name, anyView) });
    }
  });
});
