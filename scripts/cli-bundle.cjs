/**
 * Where the bundled `vdc` lives and whether it is older than its sources. Shared by bin/vdc.cjs (which
 * rebuilds a stale bundle in a checkout before running it) and scripts/build-cli.mjs (which builds it).
 * CommonJS and node:fs only, so checking costs the `vdc` start a few milliseconds.
 */
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT_DIR = join(ROOT, 'out', 'cli');
const BUNDLE = join(OUT_DIR, 'vdc.js');
/** The files (relative to ROOT) the bundle was made of, written by the build after the bundle. */
const INPUTS = join(OUT_DIR, 'inputs.json');
/** Changing these also rebuilds: the build script itself and the dependency list. */
const ALWAYS = ['scripts/build-cli.mjs', 'scripts/cli-bundle.cjs', 'package.json'];

/** Why the bundle must be (re)built, or null when it is up to date. */
function staleReason() {
  let built;
  let inputs;
  try {
    built = statSync(BUNDLE).mtimeMs;
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return 'the list of bundled sources is empty';
  } catch {
    return 'not built yet';
  }
  for (const rel of [...inputs, ...ALWAYS]) {
    let m;
    try {
      m = statSync(join(ROOT, rel)).mtimeMs;
    } catch {
      return `${rel} was removed`;
    }
    if (m > built) return `${rel} changed`;
  }
  return null;
}

/** True in a checkout (sources present): only then can the bundle be stale or rebuilt. */
function isCheckout() {
  try {
    return statSync(join(ROOT, 'src', 'main', 'cli', 'main.ts')).isFile();
  } catch {
    return false;
  }
}

module.exports = { ROOT, OUT_DIR, BUNDLE, INPUTS, staleReason, isCheckout };
