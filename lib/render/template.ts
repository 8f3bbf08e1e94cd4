import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mustache from 'mustache';
import { packageRoot } from '../package-root';

// Read on every call (a synth reads each template about once): no cache that could go stale.
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
