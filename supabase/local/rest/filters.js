// @ts-check
// Turns parsed filters and logic trees into SQL conditions with bind parameters, operator by operator as
// PostgREST documents them (eq … adj, fts family, is, in, any/all modifiers, not.).
import { fieldExpr, q } from './sql-util.js';
import { parseError } from './errors.js';

/** @type {Record<string, string>} */
const SIMPLE = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  ilike: 'ILIKE',
  match: '~',
  imatch: '~*',
  isdistinct: 'IS DISTINCT FROM',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
};
/** @type {Record<string, string>} */
const FTS_FN = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };
/** @type {Record<string, string>} */
const IS_SQL = { null: 'IS NULL', not_null: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE', unknown: 'IS UNKNOWN' };

/**
 * @typedef {{ alias: string, colMap: Map<string, {typname: string}>|null, params: import('./sql-util.js').Params,
 *   embedCond?: (name: string, f: import('./query-parse.js').Filter) => string|null }} FilterCtx
 */

/** @param {import('./query-parse.js').Filter|import('./query-parse.js').Logic} f @param {FilterCtx} ctx @returns {string} */
export function conditionSql(f, ctx) {
  if (f.type === 'logic') {
    const parts = f.children.map((c) => conditionSql(c, ctx));
    const joined = parts.length
      ? `(${parts.join(f.op === 'and' ? ' AND ' : ' OR ')})`
      : f.op === 'and'
        ? 'TRUE'
        : 'FALSE';
    return f.negate ? `NOT ${joined}` : joined;
  }
  // `rel=is.null` / `rel=not.is.null` on an embedded resource filters parents by the embed's presence.
  if (ctx.embedCond && f.field.path.length === 0) {
    const c = ctx.embedCond(f.field.name, f);
    if (c !== null) return c;
  }
  const col = fieldExpr(ctx.alias, f.field, ctx.colMap, ctx.params);
  const p = ctx.params;
  /** @type {string} */
  let sql;
  const v = f.value;
  if (f.op === 'is') {
    sql = `${col} ${IS_SQL[/** @type {string} */ (v)]}`;
  } else if (f.op === 'in') {
    sql = `${col} = ANY(${p.add(v)})`;
  } else if (f.op in FTS_FN) {
    const typ = f.field.path.length === 0 ? ctx.colMap?.get(f.field.name)?.typname : undefined;
    const cfg = f.config ? `${p.add(f.config)}::regconfig, ` : '';
    const vec = typ === 'tsvector' ? col : `to_tsvector(${cfg}${col})`;
    sql = `${vec} @@ ${FTS_FN[f.op]}(${cfg}${p.add(v)})`;
  } else if (f.modifier) {
    const list = /** @type {string[]} */ (v).map((x) =>
      f.op === 'like' || f.op === 'ilike' ? x.replaceAll('*', '%') : x,
    );
    sql = `${col} ${SIMPLE[f.op]} ${f.modifier.toUpperCase()}(${p.add(list)})`;
  } else {
    let val = /** @type {string} */ (v);
    if (f.op === 'like' || f.op === 'ilike') val = val.replaceAll('*', '%');
    // `ov.(a,b)` is accepted as a list as well as an array literal.
    if (f.op === 'ov' && val.startsWith('(') && val.endsWith(')')) val = `{${val.slice(1, -1)}}`;
    const op = SIMPLE[f.op];
    if (!op) throw parseError(`"failed to parse filter (${f.op})"`, 'unknown operator');
    sql = `${col} ${op} ${p.add(val)}`;
  }
  return f.negate ? `NOT (${sql})` : sql;
}

export { q };
