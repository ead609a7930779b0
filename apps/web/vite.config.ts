import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

/**
 * The server serves dist/ at `/` and the API at `/api` on the same origin, so the browser never needs CORS and the
 * session cookie can stay SameSite. In development the Vite server plays the same trick by proxying `/api`.
 */
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every route page is a lazy chunk (src/components/lazy-page.tsx); Ant Design and the other libraries are split by
    // the pages that use them, so the sign-in page and the inbox download only their share (docs/BENCHMARKS.md). React
    // and the router, which every page needs, stay one long-cached chunk. precompress() writes .br/.gz for the server.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 30 },
            // Charts are drawn only on the flow monitor, which loads them on demand: keep them out of the shared vendor chunk.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
          ],
        },
      },
    },
  },
});
