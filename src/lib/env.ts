// The public settings, read by the browser and the server alike: which Supabase project the app talks to.
// From $env/dynamic/public rather than static: adapter-node reads the environment when the server starts, so one
// build serves the stand-in of `npm start` and the e2e suite as well as any real project. There are no defaults:
// the Supabase CLI's demo keys belong to the stand-in (supabase/local/config.js), and scripts/start.js hands
// them over. The server checks these values when it boots ($lib/server/env.ts, imported by hooks.server.ts),
// so the browser gets only values that passed; this module stays free of zod, which every page would load.
import { env } from '$env/dynamic/public';

export const publicEnv = {
  PUBLIC_SUPABASE_URL: env.PUBLIC_SUPABASE_URL ?? '',
  PUBLIC_SUPABASE_ANON_KEY: env.PUBLIC_SUPABASE_ANON_KEY ?? '',
};
