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
/** Changing these also rebuilds: the build scripts themselves and the dependency list. */
const ALWAYS = [
  'scripts/build-cli.mjs',
  'scripts/cli-bundle.cjs',
  'scripts/cli-code-cache.cjs',
  'package.json',
];
/** V8's code cache of out/cli/<file>.js is out/cli/<file>.js + CACHE_EXT (made by the build only). */
const CACHE_EXT = '.v8-cache';
/**
 * A cache file is the SHA-1 of the source it was made from (V8 itself only compares the source's length),
 * the SHA-1 of V8's data (release builds of V8 do not checksum it), then V8's data.
 */
const HASH_BYTES = 20;
/**
 * Files smaller than this (the dispatcher vdc.js, cli-command.js: a few KB) compile faster than a cache
 * is checked and read, so they load as usual, and `vdc --help` never loads node:vm or node:crypto.
 */
const MIN_CACHED_CHARS = 32 * 1024;

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

const hash = (data) => require('node:crypto').hash('sha1', data, 'buffer');

/**
 * Loads the bundle's own files (out/cli/*.js) through `vm.Script` with the V8 code cache the build made
 * next to each, so that V8 neither parses nor compiles again what the cache holds. Reject-safe: a missing
 * or damaged cache, one made from another source (SHA-1 in its first bytes) or one V8 rejects (another
 * Node/V8 version, other flags) only means compiling from source, as plain `require` does. Never writes a
 * file.
 *
 * `produce` (scripts/cli-code-cache.cjs, at build time only): read no cache; returns a function that gives
 * [file, cache bytes] for every file loaded so far, to be called after the run that warms them up.
 * `VDC_CODE_CACHE=off` turns the cache off; `VDC_CODE_CACHE=debug` reports per file on stderr.
 */
function useCodeCache({ produce = false } = {}) {
  const mode = process.env.VDC_CODE_CACHE;
  // With --enable-source-maps Node maps stack traces for the files it compiles itself: leave them to it.
  if (mode === 'off' || process.sourceMapsEnabled) return () => [];
  const Module = require('node:module');
  const { dirname } = require('node:path');
  const compile = Module.prototype._compile;
  const loaded = [];
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (dirname(filename) !== OUT_DIR || !filename.endsWith('.js') || content.length < MIN_CACHED_CHARS)
      return compile.call(this, content, filename);
    const vm = require('node:vm');
    let cachedData;
    let state = 'produce';
    if (!produce) {
      try {
        const file = readFileSync(filename + CACHE_EXT);
        const data = file.subarray(2 * HASH_BYTES);
        if (file.length <= 2 * HASH_BYTES || !file.subarray(HASH_BYTES, 2 * HASH_BYTES).equals(hash(data)))
          state = 'damaged';
        else if (!file.subarray(0, HASH_BYTES).equals(hash(content)))
          state = 'stale (made from another source)';
        else cachedData = data;
      } catch {
        state = 'missing';
      }
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      // A file V8 cannot compile: let Node's own loader report it as it would.
      return compile.call(this, content, filename);
    }
    if (cachedData) state = script.cachedDataRejected ? 'rejected by V8' : 'used';
    if (mode === 'debug') process.stderr.write(`vdc: code cache of ${filename}: ${state}\n`);
    if (produce) loaded.push({ filename, content, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const requireHere = Module.createRequire(filename);
    return wrapper.call(this.exports, this.exports, requireHere, this, filename, dirname(filename));
  };
  return () =>
    loaded.map(({ filename, content, script }) => {
      const data = script.createCachedData();
      return [filename, Buffer.concat([hash(content), hash(data), data])];
    });
}

module.exports = {
  ROOT,
  OUT_DIR,
  BUNDLE,
  INPUTS,
  CACHE_EXT,
  staleReason,
  isCheckout,
  useCodeCache,
};
