// @ts-check
// `npm run supabase:start` — runs the local Supabase stand-in in the foreground until Ctrl-C.
// Flags: --reset  start from an empty database (migrations and seed applied again)
//        --exit   stop again once everything is up (used by `npm run supabase:reset`)
import { startStandIn } from './standin.js';

const args = new Set(process.argv.slice(2));
const standIn = await startStandIn({ reset: args.has('--reset') });
const c = standIn.config;
console.log(`[supabase] API      ${c.apiUrl}`);
console.log(`[supabase] DB       ${c.dbUrl}`);
console.log(`[supabase] SMS page ${c.apiUrl}/__dev/sms`);
console.log('[supabase] ready');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await standIn.stop();
  process.exit(0);
};
if (args.has('--exit')) await stop();
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
