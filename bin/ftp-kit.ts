#!/usr/bin/env node
/*
 * The CLI as a plain node process: what the `ftp-kit` launcher runs when it has no usable startup
 * snapshot (see bin/ftp-kit), and what `node dist/bin/ftp-kit.js` runs anywhere.
 */
import './compile-cache';
import { main } from './cli';

void main(process.argv.slice(2));
