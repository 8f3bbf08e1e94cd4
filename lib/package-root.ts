import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

/** The package's root folder, found the same way from lib/ (tests) and from dist/lib/ (the CLI). */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'ftp-kit') return (root = dir);
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the ftp-kit package root above ${__dirname}`);
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
}
