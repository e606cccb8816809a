import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { BUILD_INPUTS_FILE, recordBuildInputs } from './server/platform/web/build-inputs.ts';

// A build is always a production build: Vitest (which builds the app for the browser tests)
// sets NODE_ENV=test, which would otherwise bundle React's development build (2× the size).
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

/** Records what the build was made from, so `npm start` rebuilds only when a source changed. */
function recordInputs(): Plugin {
  const root = path.resolve(import.meta.dirname);
  return {
    name: 'groundwork-build-inputs',
    apply: 'build',
    writeBundle() {
      const file = path.join(root, BUILD_INPUTS_FILE);
      fs.writeFileSync(file, JSON.stringify(recordBuildInputs(root, this.getModuleIds()), null, 1));
    },
  };
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of the build, so the
 * server sends them compressed without spending CPU per request (serveStatic `precompressed`).
 * A county's network is slow; the whole app is about a quarter of its size compressed.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'groundwork-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const content = fs.readFileSync(file);
        if (content.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

/** Vite build of the browser app in `web/`, served by the API server from `dist/web`. */
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress(), recordInputs()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Every page is its own chunk (lazyPage); the bundler shares what pages have in common.
    // React and the router go into one long-cached chunk that changes only with their versions.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 30 },
            // The icons the app uses are small one by one: one request for all of them, not thirty.
            { name: 'icons', test: /node_modules[\\/]@ant-design[\\/](icons|icons-svg)[\\/]/, priority: 20 },
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
