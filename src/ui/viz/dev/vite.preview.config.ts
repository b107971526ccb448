/**
 * Production build of the viz preview, for realistic frame-rate checks:
 *   npx vite build --config src/ui/viz/dev/vite.preview.config.ts
 *   npx vite preview --config src/ui/viz/dev/vite.preview.config.ts --port 5175 --strictPort
 *   → http://localhost:5175/src/ui/viz/dev/preview.html
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../../.tmp/viz-preview-dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input: fileURLToPath(new URL('./preview.html', import.meta.url)) },
  },
  preview: { port: 5175, strictPort: true },
});
