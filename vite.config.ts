import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    // No source maps in dist/: the deployed site should not ship 2.6 MB of maps next to the code.
    // `KAFKA_LAB_SOURCEMAP=1 npm run build` writes hidden maps (no sourceMappingURL) for debugging.
    sourcemap: process.env.KAFKA_LAB_SOURCEMAP === '1' ? 'hidden' : false,
    rolldownOptions: {
      output: {
        // Everything the first screen imports statically in one chunk: a lazy chunk that shares
        // a module with it would otherwise split it into many small chunks, and each compresses
        // worse on its own (about 4 KB gzip more for the same code).
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
});
