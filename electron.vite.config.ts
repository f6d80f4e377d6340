import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './main/app/content-security-policy';

// Our sources live in top-level folders, not electron-vite's default src/{main,preload,renderer}.
const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'main/index.ts') },
      // Only `dependencies` stay unbundled (better-sqlite3 is a native module).
      externalizeDeps: true,
    },
  },
  preload: {
    define: { __COLLAPSE_LAB_VERSION__: JSON.stringify(version) },
    build: {
      // A sandboxed preload cannot be an ES module: one CommonJS file, out/preload/index.cjs.
      lib: { entry: resolve(root, 'preload/index.ts'), formats: ['cjs'] },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
      // ECharts and React make a 2.5 MB bundle unminified; minified it loads several times faster.
      minify: true,
      // Pages are lazy chunks (renderer/app.tsx); the largest left is ECharts' core with the parts
      // the charts use (renderer/charts/echart.tsx), about 600 kB, loaded with the first chart page.
      chunkSizeWarningLimit: 650,
    },
    plugins: [react(), developmentCsp()],
  },
});

/**
 * renderer/index.html carries the production policy. The dev server needs inline scripts (the
 * React Refresh preamble), <style> injection and its HMR WebSocket, so `electron-vite dev`
 * serves the development policy instead. Builds are untouched.
 */
function developmentCsp(): Plugin {
  const production = contentSecurityPolicy('production');
  return {
    name: 'collapse-lab:development-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(production)) {
          throw new Error('renderer/index.html: expected the production Content-Security-Policy meta tag but did not find it');
        }
        return html.replace(production, contentSecurityPolicy('development'));
      },
    },
  };
}
