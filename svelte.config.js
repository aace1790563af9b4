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
  },
  compilerOptions: { runes: true },
};
export default config;
