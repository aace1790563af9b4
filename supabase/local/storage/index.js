// @ts-check
// PLACEHOLDER — replaced by the storage module.
import { HttpError } from '../http.js';
/** @param {import('../server.js').Ctx} ctx */
export async function createStorage(ctx) {
  return { async handle() { throw new HttpError(404, 'not_found', 'storage not implemented yet'); } };
}
