// @ts-check
// `npm run livekit:install`: builds the pinned LiveKit server with the Go toolchain into `.livekit/bin/livekit-server`
// (git-ignored), where `npm start` and the tests look for it. LiveKit has no npm package; v1.13.5 is a release tag
// without `replace` directives, so `go install …@v1.13.5` works (v1.13.0/1 and master have them and are refused).
// Without Go it says what to do instead and exits 0 — except in CI (CI=true), where a missing server is an error:
// CI must run the video tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIVEKIT_BIN, LIVEKIT_VERSION } from './livekit.js';

const MODULE = 'github.com/livekit/livekit-server/cmd/server';
const log = (/** @type {string} */ m) => console.log(`[livekit:install] ${m}`);

if (installedVersion() === LIVEKIT_VERSION) {
  log(`livekit-server ${LIVEKIT_VERSION} is already installed at ${path.relative(process.cwd(), LIVEKIT_BIN)}`);
  process.exit(0);
}

const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.status !== 0) {
  const how = [
    'Go is not installed, so the LiveKit server cannot be built here. Video needs one of:',
    `  - Go ≥ 1.25, then \`npm run livekit:install\` again (builds ${MODULE}@v${LIVEKIT_VERSION});`,
    '  - the livekit-server binary on the PATH (https://docs.livekit.io/home/self-hosting/local/:',
    '    `curl -sSL https://get.livekit.io | bash`, or `brew install livekit` on macOS);',
    '  - LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET of a LiveKit Cloud project or a self-hosted server.',
    'Everything else works without it; the video tests are reported as not run.',
  ];
  if (process.env.CI === 'true') {
    console.error(how.join('\n'));
    console.error('[livekit:install] CI must run the video tests: install Go on the CI machine.');
    process.exit(1);
  }
  log(how.join('\n'));
  process.exit(0);
}

log(`building ${MODULE}@v${LIVEKIT_VERSION} with ${go.stdout.trim()} (a few minutes the first time)…`);
const gobin = fs.mkdtempSync(path.join(os.tmpdir(), 'livekit-gobin-'));
const r = spawnSync('go', ['install', `${MODULE}@v${LIVEKIT_VERSION}`], {
  stdio: 'inherit',
  env: { ...process.env, GOBIN: gobin, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
});
if (r.status !== 0) {
  console.error(`[livekit:install] go install failed (exit ${r.status})`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(LIVEKIT_BIN), { recursive: true });
// The module's binary is named after its folder, `server`.
fs.copyFileSync(path.join(gobin, 'server'), LIVEKIT_BIN);
fs.chmodSync(LIVEKIT_BIN, 0o755);
fs.rmSync(gobin, { recursive: true, force: true });
log(`installed livekit-server ${installedVersion()} at ${path.relative(process.cwd(), LIVEKIT_BIN)}`);

/** The version the installed binary reports, or null. */
function installedVersion() {
  if (!fs.existsSync(LIVEKIT_BIN)) return null;
  const v = spawnSync(LIVEKIT_BIN, ['--version'], { encoding: 'utf8' });
  return /(\d+\.\d+\.\d+)/.exec(v.stdout ?? '')?.[1] ?? null;
}
