// The SSR bench's floor app: SvelteKit's plugin only, Vite's cache kept in the repository's node_modules.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  cacheDir: '../../node_modules/.vite-bench-floor',
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
});
