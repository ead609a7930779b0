import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The server serves dist/ at `/` and the API at `/api` on the same origin, so the browser never needs CORS and the
 * session cookie can stay SameSite. In development the Vite server plays the same trick by proxying `/api`.
 */
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Ant Design alone is several hundred kB; the split below keeps each vendor chunk cacheable on its own.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 30 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion)[\\/]/, priority: 20 },
            // Charts are drawn only on the flow monitor, which loads them on demand: keep them out of the shared vendor chunk.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
