// @ts-check
// PLACEHOLDER — replaced by the auth module (/auth/v1 and /__dev/sms).
import { HttpError } from '../http.js';
/** @param {import('../server.js').Ctx} ctx */
export async function createAuth(ctx) {
  return {
    async handle() { throw new HttpError(404, 'not_found', 'auth not implemented yet'); },
    /** @param {any} _req @param {any} _res @param {URL} url */
    async handleDev(_req, _res, url) { throw new HttpError(404, 'not_found', `no dev page ${url.pathname}`); },
  };
}
