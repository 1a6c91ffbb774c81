import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // electron-store is ESM-only; bundling it avoids ERR_REQUIRE_ESM whatever format main is emitted in.
      externalizeDeps: { exclude: ['electron-store'] },
      // The inbox's writer and the embedded broker run in worker threads: each its own entry, beside index.js
      // (see src/main/index.ts).
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'inbox-writer': resolve('src/main/core/store/writer/inbox-writer-worker.ts'),
          'broker-worker': resolve('src/main/core/broker/worker/broker-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module: emit one CommonJS file.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
