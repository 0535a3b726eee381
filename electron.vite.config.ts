import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The service runs in a worker thread (src/main/service/worker/host.ts looks for this file).
          'service-worker': resolve(__dirname, 'src/main/service/worker/entry.ts'),
          // Capacity sweep futures run on worker threads (src/main/service/capacity/sweep-pool.ts looks for this file).
          'sweep-worker': resolve(__dirname, 'src/main/service/capacity/sweep-worker.ts'),
          // The inventory import's thread (src/main/service/inventory-io/import-off-thread.ts looks for it).
          'import-worker': resolve(__dirname, 'src/main/service/inventory-io/import-worker.ts'),
          // Heavy steps of long operations (src/main/service/off-thread/run-task.ts looks for it).
          'task-worker': resolve(__dirname, 'src/main/service/off-thread/task-worker.ts'),
          // The store's writer thread (OpenOptions.writerThread; src/main/store/writer-thread.ts looks for it).
          'store-writer': resolve(__dirname, 'src/main/store/writer-worker.ts'),
          // The browser shell (npm run web), built with the same bundling as the desktop app.
          web: resolve(__dirname, 'src/main/web/main.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload must be one CommonJS file with everything bundled (no require of node_modules).
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: {
        '@renderer': resolve(__dirname, 'src/renderer/src'),
        '@shared': resolve(__dirname, 'src/shared'),
      },
    },
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      chunkSizeWarningLimit: 2000,
    },
  },
});
