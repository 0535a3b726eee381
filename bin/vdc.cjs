#!/usr/bin/env node
// The `vdc` command (package bin; `npm link` puts it on the PATH; `npm run vdc -- …` runs it from a checkout).
// Runs the bundled CLI, out/cli/vdc.js (scripts/build-cli.mjs, run by `npm install`). In a checkout a bundle
// older than its sources is rebuilt first (≈ 1 s, once), so edits to src/ take effect on the next run.
// The bundle's files load with the V8 code cache the build made next to them, when it fits
// (scripts/cli-bundle.cjs, useCodeCache); otherwise they compile from source as usual.
'use strict';
const { BUNDLE, ROOT, isCheckout, staleReason, useCodeCache } = require('../scripts/cli-bundle.cjs');

if (isCheckout()) {
  const reason = staleReason();
  if (reason !== null) {
    const { spawnSync } = require('node:child_process');
    process.stderr.write(`vdc: bundling the command line (${reason})…\n`);
    const r = spawnSync(
      process.execPath,
      [require('node:path').join(ROOT, 'scripts', 'build-cli.mjs'), '--quiet'],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) process.exit(1);
  }
}
try {
  require.resolve(BUNDLE);
} catch {
  process.stderr.write(
    `vdc: ${BUNDLE} is missing: run "node scripts/build-cli.mjs" (needs the devDependencies).\n`,
  );
  process.exit(1);
}
useCodeCache();
require(BUNDLE);
