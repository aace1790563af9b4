import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  // Rolldown's "plugins took significant time" report is noise on a loaded 2-core machine.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
});
