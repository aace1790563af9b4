// @ts-check
// RPC: picks the function overload PostgREST would call for the given argument names (or the single unnamed
// json/jsonb parameter), with its PGRST202/PGRST203 errors and hints, and builds the call: arguments travel
// as one JSON bind parameter unpacked by json_to_record with the parameters' own types.
import { ApiError } from './errors.js';
import { cacheKey } from './schema-cache.js';
import { closest } from './relations.js';
import { q } from './sql-util.js';

/**
 * @typedef {import('./schema-cache.js').Fn} Fn
 */

/**
 * @param {import('./schema-cache.js').Cache} cache @param {string} schema @param {string} name
 * @param {string[]} keys argument names given @param {boolean} isPost @param {boolean} jsonBody body is JSON (POST)
 * @returns {{ fn: Fn, unnamed: boolean } | null} null when the name is unknown (caller may reload the cache)
 */
export function findFunction(cache, schema, name, keys, isPost, jsonBody) {
  const overloads = cache.fns.get(cacheKey(schema, name)) ?? [];
  const given = new Set(keys);
  /** @type {Fn[]} */
  const matches = [];
  /** @type {Fn[]} */
  const fallback = [];
  for (const fn of overloads) {
    if (matchesParams(fn, given)) matches.push(fn);
    else if (isPost && jsonBody && fn.params.length === 1 && ['json', 'jsonb'].includes(fn.params[0].typname))
      fallback.push(fn);
  }
  if (matches.length === 1) return { fn: matches[0], unnamed: false };
  if (matches.length > 1) throw ambiguous(matches);
  if (fallback.length === 1) return { fn: fallback[0], unnamed: true };
  if (fallback.length > 1) throw ambiguous(fallback);
  return null;
}

/** @param {Fn} fn @param {Set<string>} given */
function matchesParams(fn, given) {
  if (fn.params.length === 0) return given.size === 0;
  const req = fn.params.filter((p) => p.required).map((p) => p.name);
  const opt = new Set(fn.params.filter((p) => !p.required).map((p) => p.name));
  if (req.some((r) => !given.has(r))) return false;
  for (const g of given) if (!req.includes(g) && !opt.has(g)) return false;
  return true;
}

/** @param {Fn[]} fns */
function ambiguous(fns) {
  const list = fns
    .map((f) => `${f.schema}.${f.name}(${f.params.map((p) => `${p.name} => ${p.typname}`).join(', ')})`)
    .join(', ');
  return new ApiError(
    300,
    'PGRST203',
    `Could not choose the best candidate function between: ${list}`,
    null,
    'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  );
}

/**
 * PGRST202 exactly as PostgREST words it.
 * @param {import('./schema-cache.js').Cache} cache @param {string} schema @param {string} name @param {string[]} keys @param {boolean} isPost
 */
export function noFunction(cache, schema, name, keys, isPost) {
  const sorted = [...new Set(keys)].sort();
  const func = `${schema}.${name}`;
  const prms = sorted.join(', ');
  const msgPrms = sorted.length ? `(${prms})` : ' without parameters';
  const detPrms = sorted.length ? ` with parameter${sorted.length > 1 ? 's' : ''} ${prms}` : ' without parameters';
  const overloads = cache.fns.get(cacheKey(schema, name)) ?? [];
  /** @type {string|null} */
  let hint = null;
  if (overloads.length === 0) {
    const names = [...cache.fns.keys()].filter((k) => k.startsWith(schema + '\u0000')).map((k) => k.split('\u0000')[1]);
    const c = closest(name, names, 0.75);
    if (c) hint = `Perhaps you meant to call the function ${schema}.${c}`;
  } else {
    const asText = (/** @type {string[]} */ ps) => `(${[...ps].sort().join(', ')})`;
    const c = closest(
      asText(sorted),
      overloads.map((f) => asText(f.params.map((p) => p.name))),
      0.33,
    );
    if (c) hint = `Perhaps you meant to call the function ${schema}.${name}${c}`;
  }
  return new ApiError(
    404,
    'PGRST202',
    `Could not find the function ${func}${msgPrms} in the schema cache`,
    `Searched for the function ${func}${detPrms}${isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    hint,
  );
}

/**
 * FROM-clause pieces for calling `fn`: the call expression and, when there are named arguments, the
 * json_to_record source they are read from.
 * @param {Fn} fn @param {{ unnamed: boolean, raw?: string, args: Record<string, any> }} a @param {import('./sql-util.js').Params} params
 * @returns {{ call: string, argsFrom: string|null }}
 */
export function callSql(fn, a, params) {
  const name = `${q(fn.schema)}.${q(fn.name)}`;
  if (a.unnamed) return { call: `${name}(${params.add(a.raw ?? 'null')}::${fn.params[0].typname})`, argsFrom: null };
  const keys = Object.keys(a.args);
  if (keys.length === 0) return { call: `${name}()`, argsFrom: null };
  const byName = new Map(fn.params.map((p) => [p.name, p]));
  const defs = keys.map((k) => `${q(k)} ${byName.get(k)?.type ?? 'text'}`).join(', ');
  const p = params.add(JSON.stringify(a.args));
  return {
    call: `${name}(${keys.map((k) => `${q(k)} := "pgrst_args".${q(k)}`).join(', ')})`,
    argsFrom: `json_to_record(${p}::json) AS "pgrst_args"(${defs})`,
  };
}
