import { defineConfig } from 'vite';

/** The main process and the web-mode server: bundled for Node, dependencies left in node_modules. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        cli: 'src/main/cli.ts',
        'electron/main': 'src/main/electron/main.ts',
        'electron/core-host': 'src/main/electron/core-host.ts',
        // Loaded by scripts/start.mjs after the build: the data-folder rule and the desktop preparation, in one place.
        'start-support': 'src/main/start-support.ts',
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      external: ['electron'],
    },
  },
});
