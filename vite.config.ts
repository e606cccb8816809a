import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Vite build of the browser app in `web/`, served by the API server from `dist/web`. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd and pro-components are large by nature; they get their own chunks, so the limit
    // guards our own code rather than warning about the vendors on every build.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 30 },
            // Groups take their dependencies along, so antd is claimed before pro-components.
            { name: 'vendor-antd', test: /node_modules[\\/](antd|@ant-design[\\/](?!pro-)[^\\/]+|rc-[^\\/]+|@rc-component)[\\/]/, priority: 20 },
            { name: 'vendor-pro', test: /node_modules[\\/]@ant-design[\\/]pro-/, priority: 10 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
