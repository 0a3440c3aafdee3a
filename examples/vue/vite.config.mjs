import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the built app works from any folder (the tests serve it from /examples/vue/dist/).
  base: './',
  plugins: [vue()],
  // One chunk holds every Natter element the wrapper registers, and Vue: about 500 kB before gzip.
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  logLevel: 'warn',
});
