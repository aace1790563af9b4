// @ts-check
// PLACEHOLDER — replaced by the rest module.
import { HttpError } from '../http.js';
/** @param {import('../server.js').Ctx} ctx */
export async function createRest(ctx) {
  return { async handle() { throw new HttpError(404, 'not_found', 'rest not implemented yet'); } };
}
