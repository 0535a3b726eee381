#!/usr/bin/env node
// The `vdc` command (package bin; `npm link` puts it on the PATH). Runs the TypeScript CLI through tsx.
require('tsx/cjs');
require('../src/main/cli/main.ts');
