import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mustache from 'mustache';
import { packageRoot } from '../package-root';

// Read on every call, never cached: the CLI's startup snapshot is built by running a synth, and a
// cache filled then would keep serving templates/ as they were at build time.
function templateText(name: string): string {
  return readFileSync(path.join(packageRoot(), 'templates', name), 'utf8');
}

/**
 * Renders a template from templates/. Values are never HTML-escaped (these are config files);
 * they are safe because the config schema only admits one-line printable values, and the
 * renderers re-check anything that ends up on a directive line.
 */
export function renderTemplate(name: string, view: object): string {
  return Mustache.render(templateText(name), view, {}, { escape: (value: unknown) => String(value) });
}
