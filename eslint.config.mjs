// ESLint flat config: TypeScript + Vue, and the import boundaries of the architecture.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
  'events',
  'util',
  'stream',
  'zlib',
  'perf_hooks',
  'timers',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.electron-native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  { languageOptions: { ecmaVersion: 2023, sourceType: 'module' } },
  // Node globals everywhere except the engine (pure: only the clock and the seed come from outside).
  { ignores: ['src/main/engine/**'], languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  // Type-aware rules: a promise is awaited, returned or explicitly voided, and never passed where a
  // plain callback is expected (typed linting through the TypeScript project service).
  {
    files: ['src/**/*.ts', 'src/**/*.vue'],
    // The engine is synchronous (no promises to float) and is most of the files: left out to keep lint fast.
    ignores: ['src/main/engine/**'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The engine is pure: no electron, no node, no sqlite, no other layer, no clock or Math.random.
  // Only the language's own globals in engine code: no Buffer, process, require, crypto, timers …
  // (tsconfig.engine.json has no Node types either). Its tests run under vitest in Node.
  {
    files: ['src/main/engine/**/*.ts'],
    ignores: ['src/main/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: { 'no-undef': 'error' },
  },
  { files: ['src/main/engine/**/*.test.ts'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The engine is pure: no electron.' },
            { name: 'better-sqlite3', message: 'The engine is pure: no SQLite.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The engine is pure: no node built-ins.' },
            {
              group: [
                '**/store/**',
                '**/service/**',
                '**/electron/**',
                '**/web/**',
                '**/cli/**',
                '**/renderer/**',
                '**/preload/**',
                '**/shared/**',
                '../store*',
                '../service*',
                '../cli*',
                '../web*',
                '../electron*',
              ],
              message: 'The engine may not import other layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Simulated time is an integer tick; no Date in the engine.' },
        { name: 'setTimeout', message: 'No timers in the engine.' },
        { name: 'setInterval', message: 'No timers in the engine.' },
        { name: 'performance', message: 'No wall clock in the engine.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG.' },
      ],
    },
  },
  // The store and the service never depend on a shell.
  {
    files: ['src/main/store/**/*.ts', 'src/main/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only the Electron shell imports electron.' }],
          patterns: [
            {
              group: [
                '**/electron/**',
                '**/web/**',
                '**/cli/**',
                '**/renderer/**',
                '**/preload/**',
                '../electron*',
                '../web*',
                '../cli*',
              ],
              message: 'Shells depend on the service, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  // Shared contract: pure, usable from main, preload and renderer.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The contract is runtime-neutral.' },
            { name: 'better-sqlite3', message: 'The contract is runtime-neutral.' },
          ],
          patterns: [
            {
              group: [...nodeBuiltins, '**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'The contract imports only zod and other shared files.',
            },
          ],
        },
      ],
    },
  },
  // The renderer reaches the backend only through its api module; no main or preload code.
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the backend only through src/renderer/src/api.',
            },
          ],
          patterns: [
            {
              group: [...nodeBuiltins, '**/main/**', '**/preload/**'],
              message: 'The renderer may not import main or preload code.',
            },
          ],
        },
      ],
    },
  },
  // Only the api module knows the Electron bridge: everything else gets the api with useApi().
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    ignores: ['src/renderer/src/api/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'vdc',
          message: 'Only src/renderer/src/api talks to the backend: use useApi().',
        },
        {
          object: 'globalThis',
          property: 'vdc',
          message: 'Only src/renderer/src/api talks to the backend: use useApi().',
        },
        {
          object: 'self',
          property: 'vdc',
          message: 'Only src/renderer/src/api talks to the backend: use useApi().',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'vdc', message: 'Only src/renderer/src/api talks to the backend: use useApi().' },
      ],
      // also `(window as X).vdc` and `w.vdc` for any alias of window
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='vdc'], MemberExpression[property.value='vdc']",
          message: 'Only src/renderer/src/api talks to the backend: use useApi().',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    ignores: ['src/renderer/src/api/**', 'src/renderer/src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the backend only through src/renderer/src/api.',
            },
          ],
          patterns: [
            {
              group: [...nodeBuiltins, '**/main/**', '**/preload/**'],
              message: 'The renderer may not import main or preload code.',
            },
            {
              group: ['**/api/transport*', '@renderer/api/transport*'],
              message: 'Transports are chosen once in main.ts; use useApi().',
            },
          ],
        },
      ],
    },
  },
  // The preload exposes named functions only.
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The preload only knows the shared contract.',
            },
          ],
        },
      ],
    },
  },
);
