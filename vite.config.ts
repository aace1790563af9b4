import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * What every page's first load runs, whichever the page: Svelte's runtime, SvelteKit's client, the bundler's
 * helpers, and the app's few modules the root layout, the route table and the taxpayer shell import ($lib/lazy too:
 * a few hundred bytes, and a chunk of its own otherwise). Rolldown gave them a chunk each (a
 * dozen, some of a few bytes) by the set of pages importing them; one response each on a phone, with ≈ 0.33 KiB of
 * response headers and a request of its own. Grouped, they are one script. Leaves only some pages use (Svelte's
 * reactive collections, SvelteKit's forms action `enhance`) stay apart.
 */
const EVERY_PAGE =
  /\/node_modules\/(svelte\/src\/(?!reactivity\/(?!create-subscriber)|events\/)|clsx\/|devalue\/|@sveltejs\/kit\/src\/(?!runtime\/app\/forms|runtime\/server\/))|^\0(rolldown\/runtime|vite\/preload-helper)|\/src\/lib\/(uuid|env|app-context|keys|lazy)\.ts$|virtual:env\/dynamic\/public/;

/**
 * What pages that show live server data import together (22 pages: the timeline, 我的待办, notices, the officer's
 * lists): following a realtime topic, refetching on a re-join, and Shanghai times. Four chunks before, now one.
 */
const LIVE_PAGES = /\/src\/lib\/(realtime|live-topic\.svelte|live-refresh|time\/shanghai)\.ts$/;

/**
 * The groups above, for the browser's build only (the server loads its chunks from disk, and there a group that
 * evaluates `$env/dynamic/public` before the server has set it breaks start-up). SvelteKit runs the server's
 * build first and the browser's from within it, setting `build.ssr` in its own config hook: this plugin's hook
 * runs after it (enforce: 'post') and reads it.
 */
function firstLoadChunks(): Plugin {
  return {
    name: 'vtax-first-load-chunks',
    apply: 'build',
    enforce: 'post',
    config: (config) =>
      config.build?.ssr
        ? {}
        : {
            build: {
              rolldownOptions: {
                // Svelte's package declares no `sideEffects`, so importing `createSubscriber` (the page clock) from
                // svelte/reactivity kept that index and SvelteSet's module as imports for their side effects: a
                // chunk of its own (0.55 KiB compressed, one more response) on every page with the clock, though
                // nothing there uses SvelteSet. Both modules only define and re-export; the bell's live count, which
                // does use SvelteSet, still gets it.
                treeshake: {
                  moduleSideEffects: [
                    { test: /\/node_modules\/svelte\/src\/reactivity\/(index-client|set)\.js$/, sideEffects: false },
                  ],
                },
                output: {
                  codeSplitting: {
                    groups: [
                      { name: 'base', test: EVERY_PAGE },
                      { name: 'live', test: LIVE_PAGES },
                    ],
                  },
                },
              },
            },
          },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [sveltekit(), firstLoadChunks()],
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
