import { defineConfig, devices } from '@playwright/test';
import { E2E_API_PORT, E2E_PORT } from './tests/support/ports';

// End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against the whole system
// started by `node scripts/start.js --reset` on its own ports, so a dev instance on the default ports is untouched.
const PORT = E2E_PORT;
const API_PORT = E2E_API_PORT;
export const E2E = {
  baseURL: `http://127.0.0.1:${PORT}`,
  apiUrl: `http://127.0.0.1:${API_PORT}`,
  dbUrl: `postgresql://postgres:postgres@127.0.0.1:${API_PORT + 1}/postgres`,
  /** The server's QR-upload secret, given to it here so that a test can seal a token (an expired one) itself. */
  uploadTokenSecret: 'e2e-only-qr-upload-secret-not-used-anywhere-else',
};

// Chromium never runs under libfaketime (it ignores it for Date and hangs on exit): when the suite runs with the
// machine's clock moved (README "How the tests treat time and data"), the browser gets the runner's clock
// through Playwright's clock API instead (tests/e2e/support/fixtures.ts).
const browserEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] => e[1] !== undefined && !/^(LD_PRELOAD|FAKETIME)/.test(e[0]),
  ),
);

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  env: browserEnv,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Video calls (tests/e2e/video.spec.ts): a fake camera and microphone, permission prompts answered yes, the
    // screen picker answered with the whole screen, and the other side's audio allowed to play.
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--auto-select-desktop-capture-source=Entire screen',
    '--autoplay-policy=no-user-gesture-required',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  // One output folder per port, so parallel runs never delete each other's traces.
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E.baseURL,
    launchOptions: chromium,
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium } },
  ],
  webServer: {
    command: 'node scripts/start.js --reset',
    url: `${E2E.baseURL}/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      SUPABASE_LOCAL_API_PORT: String(API_PORT),
      SUPABASE_LOCAL_DB_PORT: String(API_PORT + 1),
      SUPABASE_LOCAL_DATA_DIR: `/tmp/vtax-e2e-${API_PORT}`,
      VTAX_UPLOAD_TOKEN_SECRET: E2E.uploadTokenSecret,
      // The local LiveKit server of this run (signal port; + 2 is its UDP media port), when one is installed.
      LIVEKIT_PORT: String(PORT + 10),
      // Every sign-in of the suite comes from 127.0.0.1: lift Auth's per-client caps (the per-phone 60 s resend
      // limit stays, and the login tests rely on it).
      SUPABASE_LOCAL_AUTH_OVERRIDES: JSON.stringify({ rate_limit: { sms_sent: 100000, token_verifications: 100000 } }),
    },
  },
});
