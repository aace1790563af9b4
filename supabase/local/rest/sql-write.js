// @ts-check
// Mutations → SQL: INSERT (object or array, `columns=`, `missing=default`, upsert with on_conflict and
// merge/ignore duplicates), UPDATE and DELETE with the request's filters. With a RETURNING clause the statement
// becomes the `pgrst_source` CTE the representation is read from, like PostgREST builds it.
import { ApiError } from './errors.js';
import { conditionSql } from './filters.js';
import { q } from './sql-util.js';

/**
 * @typedef {import('./schema-cache.js').Table} Table
 * @typedef {import('./sql-util.js').Params} Params
 * @typedef {'representation'|'minimal'|'headers-only'} ReturnPref
 */

/** @param {Table} t @param {string} col */
function mustHave(t, col) {
  if (!t.colMap.has(col))
    throw new ApiError(400, 'PGRST204', `Could not find the '${col}' column of '${t.name}' in the schema cache`);
}

/** `"a","b"` or `a,b` → ['a','b']. @param {string} raw */
export function parseColumnList(raw) {
  /** @type {string[]} */
  const out = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]+))\s*(?:,|$)/gy;
  let m;
  while (re.lastIndex < raw.length && (m = re.exec(raw)))
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim());
  if (re.lastIndex < raw.length || out.some((c) => c === '')) {
    throw new ApiError(
      400,
      'PGRST100',
      `"failed to parse columns parameter (${raw})" (line 1, column ${re.lastIndex + 1})`,
      'unexpected input',
    );
  }
  return out;
}

/** @param {Table} t @param {ReturnPref} ret */
function returning(t, ret) {
  if (ret === 'minimal') return '';
  if (ret === 'headers-only')
    return ` RETURNING ${(t.pk.length ? t.pk : t.columns.map((c) => c.name)).map((c) => `${q(t.name)}.${q(c)}`).join(', ')}`;
  return ` RETURNING ${q(t.name)}.*`;
}

/**
 * @param {Table} t @param {any} body parsed JSON
 * @param {{ columns: string|null, onConflict: string|null, resolution?: string, missingDefault: boolean, ret: ReturnPref }} o
 * @param {Params} params
 * @returns {{ sql: string, empty: boolean }}
 */
export function insertSql(t, body, o, params) {
  const rows = Array.isArray(body) ? body : [body];
  if (rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new ApiError(400, 'PGRST102', 'All object keys must match');
  }
  /** @type {string[]} */
  let cols;
  if (o.columns !== null) cols = parseColumnList(o.columns);
  else {
    cols = rows.length ? Object.keys(rows[0]) : [];
    const sig = [...cols].sort().join('\u0000');
    if (rows.some((r) => Object.keys(r).sort().join('\u0000') !== sig))
      throw new ApiError(400, 'PGRST102', 'All object keys must match');
  }
  for (const c of cols) mustHave(t, c);
  const target = `${q(t.schema)}.${q(t.name)}`;
  const colList = cols.map(q).join(', ');
  let sql;
  const uniform = rows.every((r) => cols.every((c) => Object.hasOwn(r, c)));
  if (rows.length === 0) {
    sql = `INSERT INTO ${target} AS ${q(t.name)} SELECT * FROM ${target} WHERE FALSE`;
  } else if (cols.length === 0) {
    // `{}` inserts a row of defaults.
    sql = `INSERT INTO ${target} AS ${q(t.name)} ${rows.length === 1 ? 'DEFAULT VALUES' : `VALUES ${rows.map(() => '(DEFAULT)').join(', ')}`}`;
  } else if (o.missingDefault && !uniform) {
    // Keys absent from a row take the column default (DEFAULT in VALUES), present ones the row's value.
    const values = rows.map((r) => {
      const p = params.add(JSON.stringify(r));
      return `(${cols.map((c) => (Object.hasOwn(r, c) ? `(jsonb_populate_record(NULL::${target}, ${p}::jsonb)).${q(c)}` : 'DEFAULT')).join(', ')})`;
    });
    sql = `INSERT INTO ${target} AS ${q(t.name)} (${colList}) VALUES ${values.join(', ')}`;
  } else {
    const p = params.add(JSON.stringify(rows));
    sql = `INSERT INTO ${target} AS ${q(t.name)} (${colList}) SELECT ${colList} FROM jsonb_populate_recordset(NULL::${target}, ${p}::jsonb) AS "pgrst_body"`;
  }
  if (o.resolution) {
    const conflict = o.onConflict !== null ? parseColumnList(o.onConflict) : t.pk;
    for (const c of conflict) mustHave(t, c);
    const on = conflict.length ? ` (${conflict.map(q).join(', ')})` : '';
    const updates = cols.map((c) => `${q(c)} = EXCLUDED.${q(c)}`);
    sql +=
      o.resolution === 'merge-duplicates' && updates.length
        ? ` ON CONFLICT${on} DO UPDATE SET ${updates.join(', ')}`
        : ` ON CONFLICT${on} DO NOTHING`;
  }
  return { sql: sql + returning(t, o.ret), empty: rows.length === 0 };
}

/**
 * @param {Table} t @param {Array<any>} filters root filters
 * @param {{ limit?: number, order?: import('./query-parse.js').OrderTerm[] }} lim
 * @param {Params} params
 */
function whereSql(t, filters, lim, params) {
  const ctx = { alias: t.name, colMap: t.colMap, params };
  const conds = filters.map((f) => conditionSql(f, ctx));
  if (lim.limit === undefined) return conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  if (t.isView) throw new ApiError(400, 'PGRST100', 'limit on PATCH/DELETE is only supported on tables');
  const inner = `SELECT ${q(t.name)}.ctid FROM ${q(t.schema)}.${q(t.name)} AS ${q(t.name)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}${
    lim.order?.length
      ? ` ORDER BY ${lim.order.map((o) => `${q(t.name)}.${q(o.field?.name ?? '')} ${o.dir === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`
      : ''
  } LIMIT ${Number(lim.limit)}`;
  return ` WHERE ${q(t.name)}.ctid = ANY(ARRAY(${inner}))`;
}

/**
 * @param {Table} t @param {any} body @param {Array<any>} filters @param {{ limit?: number, order?: any[] }} lim
 * @param {ReturnPref} ret @param {Params} params
 */
export function updateSql(t, body, filters, lim, ret, params) {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
  const cols = Object.keys(body);
  for (const c of cols) mustHave(t, c);
  if (cols.length === 0) return null;
  const p = params.add(JSON.stringify(body));
  const sets = cols.map((c) => `${q(c)} = "pgrst_body".${q(c)}`).join(', ');
  const where = whereSql(t, filters, lim, params);
  return `UPDATE ${q(t.schema)}.${q(t.name)} AS ${q(t.name)} SET ${sets} FROM (SELECT * FROM jsonb_populate_record(NULL::${q(t.schema)}.${q(t.name)}, ${p}::jsonb)) AS "pgrst_body"${where}${returning(t, ret)}`;
}

/** @param {Table} t @param {Array<any>} filters @param {{ limit?: number, order?: any[] }} lim @param {ReturnPref} ret @param {Params} params */
export function deleteSql(t, filters, lim, ret, params) {
  return `DELETE FROM ${q(t.schema)}.${q(t.name)} AS ${q(t.name)}${whereSql(t, filters, lim, params)}${returning(t, ret)}`;
}
