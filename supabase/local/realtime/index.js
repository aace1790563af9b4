// @ts-check
// PLACEHOLDER — replaced by the realtime module (/realtime/v1/websocket and /realtime/v1/api/broadcast).
import { HttpError } from '../http.js';
/** @param {import('../server.js').Ctx} ctx */
export async function createRealtime(ctx) {
  return {
    async handle() { throw new HttpError(404, 'not_found', 'realtime not implemented yet'); },
    /** @param {any} _req @param {import('node:stream').Duplex} socket */
    handleUpgrade(_req, socket) { socket.end('HTTP/1.1 404 Not Found\r\n\r\n'); },
    async close() {},
  };
}
