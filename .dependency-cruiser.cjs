/**
 * The layers of docs/architecture.md, enforced on resolved module paths (not on import strings):
 * `npm run lint` runs `depcruise` with this file. src/main/layers.test.ts proves that a
 * relative import from the engine into the store is caught.
 */
const SHELLS = '^src/main/(electron|web|cli)/|^src/main/index\\.ts$';
const TESTS = '\\.(test|typecheck)\\.ts$|/testing/|\\.fixtures\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment:
        'The engine imports nothing outside src/main/engine: no other layer, no package, no node built-in (tests may use vitest and fast-check).',
      severity: 'error',
      from: { path: '^src/main/engine/', pathNot: TESTS },
      to: { pathNot: '^src/main/engine/' },
    },
    {
      name: 'engine-tests-stay-in-the-engine',
      comment: 'Engine tests use the engine, vitest and fast-check only.',
      severity: 'error',
      from: { path: '^src/main/engine/(.*\\.test\\.ts$|testing/)' },
      to: {
        pathNot: ['^src/main/engine/', '(^|/)node_modules/(vitest|@vitest|fast-check)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'store-below-service',
      comment:
        "The store may use the engine's types and its own packages, never the service, a shell, the renderer, the preload or electron.",
      severity: 'error',
      from: { path: '^src/main/store/' },
      to: {
        path: [
          '^src/main/service/',
          SHELLS,
          '^src/renderer/',
          '^src/preload/',
          '(^|/)node_modules/electron/',
        ],
      },
    },
    {
      name: 'service-below-shells',
      comment: 'Shells depend on the service, never the reverse; the service never imports electron.',
      severity: 'error',
      from: { path: '^src/main/service/' },
      to: { path: [SHELLS, '^src/renderer/', '^src/preload/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'shared-is-runtime-neutral',
      comment:
        'src/shared imports only zod and other shared files, so main, preload and renderer can all use it.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'preload-knows-only-the-bridge',
      comment: 'The preload imports electron and the shared method names and bridge types, nothing else.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: {
        pathNot: [
          '^src/preload/',
          '^src/shared/(methods|bridge|errors)\\.ts$',
          '(^|/)node_modules/electron/',
        ],
      },
    },
    {
      name: 'renderer-only-through-api',
      comment: 'The renderer imports no main or preload code, no electron and no node built-in.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: ['^src/main/', '^src/preload/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/renderer/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'non-electron-shells-without-electron',
      comment: 'The browser shell and the CLI run without Electron.',
      severity: 'error',
      from: { path: '^src/main/(web|cli)/', pathNot: TESTS },
      to: { path: ['^src/main/electron/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'integration-tests-are-leaves',
      comment:
        'src/integration holds cross-layer tests (the console over the real service); nothing imports them.',
      severity: 'error',
      from: { pathNot: '^src/integration/' },
      to: { path: '^src/integration/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (an unresolved path could hide a layer violation).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is a link in worktrees: keep package paths as node_modules/…
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.web.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.vue', '.json', '.d.ts'],
    },
    exclude: { path: '^(out|dist|release|node_modules)/' },
  },
};
