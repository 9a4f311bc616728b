import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:5780', ws: true } } },
});
