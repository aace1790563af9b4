import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Pages are served with a strict CSP; Supabase's API origin is added at runtime by hooks (connect-src).
  },
  compilerOptions: { runes: true },
};
export default config;
