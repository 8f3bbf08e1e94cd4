#!/usr/bin/env node
/*
 * The `ftp-kit` command (package.json `bin`: dist/bin/ftp-kit.js): a plain node process on every
 * platform. Each verb loads only its own modules (bin/cli.ts).
 */
import { main } from './cli';

void main(process.argv.slice(2));
