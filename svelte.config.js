import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Both folders can be moved (VTAX_KIT_DIR, VTAX_BUILD_DIR) so that parallel builds, e.g. two end-to-end runs
    // on one machine, never write over each other.
    adapter: adapter({ out: process.env.VTAX_BUILD_DIR ?? 'build' }),
    outDir: process.env.VTAX_KIT_DIR ?? '.svelte-kit',
    // A page's CSS goes into its HTML instead of <link>s: on a phone each stylesheet held the first paint back by a
    // round trip (≈ 0.6 s on slow 4G, `npm run bench -- first-load`); a page's CSS is a few KiB.
    inlineStyleThreshold: 64 * 1024,
  },
  // discloseVersion: the compiler otherwise adds `window.__svelte.v` on every page, a chunk of its own (a response
  // of ≈ 0.4 KiB with its headers) in every page's first load, for nothing the app reads.
  compilerOptions: { runes: true, discloseVersion: false },
};
export default config;
