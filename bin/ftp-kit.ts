#!/usr/bin/env node
/*
 * The `ftp-kit` command (package.json `bin`: dist/bin/ftp-kit.js): a plain node process on every
 * platform. Each verb loads only its own modules (bin/cli.ts); modules the dependencies load but
 * ftp-kit never calls wait until first use (bin/lazy-modules.ts); node's own compile cache is on
 * where node has one (bin/process-setup.ts).
 */
import { enableCompileCache, quietDependencyDeprecations } from './process-setup';
import { deferUnusedModules } from './lazy-modules';

enableCompileCache();
quietDependencyDeprecations();
deferUnusedModules();
// required, not imported: it must load after the stand-ins are in place
const { main } = require('./cli') as typeof import('./cli');

void main(process.argv.slice(2));
