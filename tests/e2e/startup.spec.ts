// The built server (the one the webServer runs, adapter-node) checks its environment when it boots: in production a
// missing secret stops it before it listens, with a message naming each variable; with every secret set it starts.
// It needs the build, which is why it lives with the end-to-end tests; no browser is involved.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { standInEnv } from '../../scripts/stand-in-env.js';

const SERVER = path.resolve(process.env.VTAX_BUILD_DIR ?? 'build', 'index.js');

/** A project's keys as Supabase shapes them; nothing is asked of the project, so it need not exist. */
const PROJECT = {
  PUBLIC_SUPABASE_URL: 'https://abcdefghijklmnop.supabase.co',
  PUBLIC_SUPABASE_ANON_KEY: 'sb_publishable_e2e-startup-test',
  SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_e2e-startup-test',
};
const SECRETS = {
  ALTCHA_HMAC_KEY: 'e2e-startup-altcha-key-0123456789abcdef',
  LOGIN_COOKIE_SECRET: 'e2e-startup-cookie-secret-0123456789abcdef',
  VTAX_UPLOAD_TOKEN_SECRET: 'e2e-startup-upload-secret-0123456789abcdef',
};

/**
 * Runs the server in production (port 0: any free port) until it either exits or says it listens; stops it in
 * the second case. Only PATH is inherited, so nothing from the test run's environment leaks in.
 */
function boot(
  env: Record<string, string>,
  whileListening?: (origin: string) => Promise<void>,
): Promise<{ listening: boolean; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        ORIGIN: 'http://127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let listening = false;
    const read = (b: Buffer) => {
      output += b.toString();
      const origin = /^Listening on (http:\/\/\S+)/m.exec(output)?.[1];
      if (!listening && origin) {
        listening = true;
        const done = () => child.kill('SIGTERM');
        if (whileListening) whileListening(origin).then(done, (e) => (done(), reject(e)));
        else done();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ listening, code, output }));
  });
}

test.describe('the built server in production', () => {
  test.skip(({ isMobile }) => isMobile, 'no browser involved: the desktop project runs it once');

  test('refuses to start without its secrets, naming each one', async () => {
    const r = await boot(PROJECT);
    expect(r.listening).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('The server cannot start');
    for (const name of Object.keys(SECRETS)) expect(r.output).toContain(`- ${name} is not set`);
    expect(r.output).not.toContain('- SUPABASE_SERVICE_ROLE_KEY');
  });

  test("refuses the stand-in's demo keys", async () => {
    const r = await boot({ ...standInEnv(), ...SECRETS });
    expect(r.listening).toBe(false);
    expect(r.output).toContain("- SUPABASE_SERVICE_ROLE_KEY is the Supabase CLI's public demo key");
  });

  test('starts with every secret set; the development-only tools are not there', async () => {
    const status: Record<string, number> = {};
    const r = await boot({ ...PROJECT, ...SECRETS }, async (origin) => {
      for (const page of ['/__dev/ticket-machine'])
        status[page] = (await fetch(origin + page, { redirect: 'manual' })).status;
    });
    expect(status).toEqual({ '/__dev/ticket-machine': 404 });
    expect(r.output).not.toContain('The server cannot start');
    expect(r.listening).toBe(true);
  });
});
