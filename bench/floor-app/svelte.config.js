// The SSR bench's floor app (bench/ssr.js builds it): the same adapter and compiler options as the app's own
// svelte.config.js; the bench moves both output folders (VTAX_FLOOR_BUILD_DIR, VTAX_FLOOR_KIT_DIR) out of the way.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: process.env.VTAX_FLOOR_BUILD_DIR ?? 'build' }),
    outDir: process.env.VTAX_FLOOR_KIT_DIR ?? '.svelte-kit',
  },
  compilerOptions: { runes: true },
};
export default config;
