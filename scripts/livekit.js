// @ts-check
// Where the local LiveKit server lives and how a local run configures it (used by `npm start`, the e2e suite and
// `npm run livekit:install`). Production uses LIVEKIT_URL/LIVEKIT_API_KEY/LIVEKIT_API_SECRET instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The pinned release (a tag without `replace` directives, so `go install` accepts it). */
export const LIVEKIT_VERSION = '1.13.5';
/** `npm run livekit:install` puts the binary here (git-ignored). */
export const LIVEKIT_BIN = path.join(ROOT, '.livekit/bin/livekit-server');

/** The project's own binary, else one on the PATH, else null. */
export function findLivekit() {
  if (fs.existsSync(LIVEKIT_BIN)) return LIVEKIT_BIN;
  const onPath = spawnSync('sh', ['-c', 'command -v livekit-server'], { encoding: 'utf8' }).stdout.trim();
  return onPath || null;
}

/** The local server's credentials (development only; a real deployment sets its own). A secret of ≥ 32
 * characters, as LiveKit asks of any key it signs webhooks with. */
export const LOCAL_LIVEKIT_KEY = 'devkey';
export const LOCAL_LIVEKIT_SECRET = 'vtax-local-livekit-secret-for-development-only';

/**
 * The YAML config of a local run. A loopback-only machine needs node_ip 127.0.0.1, no external-IP discovery (STUN
 * cannot be reached) and the loopback candidate — without it the server offers zero candidates and media silently
 * never flows. One fixed UDP mux port so parallel runs can be given their own, on the loopback interface only. No
 * ICE/TCP port (tcp_port: 0): LiveKit binds its TCP mux on every interface whatever the filters say, and servers
 * started here listen on 127.0.0.1 only; left out, the default 7881 is bound on every interface and a second local
 * server on the machine fails to start (address already in use). A production config sets rtc.tcp_port for clients
 * behind UDP-blocking firewalls.
 * Rooms are created by the app (auto_create off), so a token alone never opens a room.
 * @param {{ port: number, webhookUrl: string }} o
 */
export function livekitConfig({ port, webhookUrl }) {
  return [
    `port: ${port}`,
    'bind_addresses: ["127.0.0.1"]',
    'rtc:',
    `  udp_port: ${port + 2}`,
    '  tcp_port: 0',
    '  interfaces:',
    '    includes: [lo]',
    '  node_ip: 127.0.0.1',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    'keys:',
    `  ${LOCAL_LIVEKIT_KEY}: ${LOCAL_LIVEKIT_SECRET}`,
    'room:',
    '  auto_create: false',
    '  empty_timeout: 300',
    '  departure_timeout: 20',
    'webhook:',
    `  api_key: ${LOCAL_LIVEKIT_KEY}`,
    '  urls:',
    `    - ${webhookUrl}`,
    'logging:',
    '  level: error',
    '',
  ].join('\n');
}
