// Starting the real workers process against the test stand-in, and waiting for what it does.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { env } from '../support/supabase';

export type Workers = { child: ChildProcess; out: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** `npm run workers` as a child process; resolves once it logged `ready`. */
export async function startWorkers(): Promise<Workers> {
  const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
    env: { ...process.env, DATABASE_URL: env().dbUrl, SMS_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const w: Workers = {
    child,
    out: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  await until(() => out.includes('[workers] ready') || child.exitCode !== null, 20_000);
  if (!out.includes('[workers] ready')) throw new Error(`workers did not start:\n${out}`);
  return w;
}

/** Polls `check` every 100 ms until it is truthy or `ms` passed; returns its last value. */
export async function until<T>(check: () => T | Promise<T>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = await check();
  while (!v && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await check();
  }
  return v;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
