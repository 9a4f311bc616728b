import { defineConfig } from 'vite';

/** The preload runs sandboxed, where only CommonJS loads. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main/electron',
    emptyOutDir: false,
    target: 'node20',
    rollupOptions: {
      input: { preload: 'src/main/electron/preload.ts' },
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
      external: ['electron'],
    },
  },
});
