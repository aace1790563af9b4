// @ts-check
// `npm run bench`: starts one fresh stand-in on its own ports (55730/55731, data in the temp folder) and runs
// every benchmark against it — realtime delivery latency, REST select/rpc throughput, and the first-load
// JavaScript of the taxpayer pages. Prints figures;
// asserts nothing. Loopback only, bounded in time.
import os from 'node:os';
import path from 'node:path';
import { startStandIn } from '../supabase/local/index.js';
import { benchRealtime } from './realtime.js';
import { benchRest } from './rest.js';
import { benchFirstLoad } from './first-load.js';

const standIn = await startStandIn({
  apiPort: 55730,
  dbPort: 55731,
  dataDir: path.join(os.tmpdir(), 'vtax-bench'),
  reset: true,
  log: () => {},
});
const c = standIn.config;
const target = {
  apiUrl: c.apiUrl,
  anonKey: c.anonKey,
  serviceRoleKey: c.serviceRoleKey,
  jwtSecret: c.jwtSecret,
  dbUrl: c.dbUrl,
};
console.log(`V-Tax benchmarks — Node ${process.version}, ${os.cpus().length} CPU(s), ${new Date().toISOString()}`);
try {
  console.log('\n## Realtime: commit of realtime.send → delivery to N subscribed supabase-js clients');
  await benchRealtime(target);
  console.log('\n## REST (PostgREST stand-in): select and rpc through supabase-js');
  await benchRest(target);
  console.log('\n## First-load JavaScript of the taxpayer pages (production build, Chromium)');
  await benchFirstLoad(target);
} finally {
  await standIn.stop();
}
process.exit(0);
