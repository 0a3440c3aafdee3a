import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the built app works from any folder (the tests serve it from /examples/react/dist/).
  base: './',
  plugins: [react()],
  // One chunk holds every Natter element the wrapper registers, and React: about 600 kB before gzip.
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  logLevel: 'warn',
});
