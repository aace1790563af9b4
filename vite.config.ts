import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  plugins: [sveltekit()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  // Rolldown's "plugins took significant time" report is noise on a loaded 2-core machine.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  // sveltekit-superforms' one adapters entry imports the libraries of all its adapters (zod 3's JSON schema,
  // typebox, effect, valibot), though only zod 4 is used. Left external, adapter-node's rollup reads them and prints
  // ~150 circular-import warnings per build; bundled by Vite's SSR build instead, they are tree-shaken away. (Only
  // when building: the dev server loads them from node_modules as they are.)
  ssr:
    command === 'build'
      ? { noExternal: ['zod-v3-to-json-schema', 'typebox', 'effect', 'valibot', '@valibot/to-json-schema'] }
      : {},
}));
