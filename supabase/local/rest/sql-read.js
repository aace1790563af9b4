// @ts-check
// Read plan → SQL. Each node is a SELECT over its relation with LEFT/INNER JOIN LATERAL subqueries for its
// embeddings (to-one → row_to_json, to-many → json_agg, spreads → plain columns); the whole answer is built as
// JSON text inside PostgreSQL, so Node only forwards it. All request values are bind parameters.
import { ApiError } from './errors.js';
import { conditionSql } from './filters.js';
import { outputNames } from './read-plan.js';
import { fieldExpr, fieldOutName, q } from './sql-util.js';
/** @import { Params } from './sql-util.js' */

/**
 * @typedef {import('./read-plan.js').ReadNode} ReadNode
 * @typedef {{ proj: string[], joins: string[], where: string[], order: string[], joinsMatter: boolean }} Parts
 */

/** @param {ReadNode} node @param {Params} params @returns {Parts} */
export function nodeParts(node, params) {
  /** @type {string[]} */
  const proj = [];
  /** @type {string[]} */
  const joins = [];
  /** @type {string[]} */
  const where = [...node.joinConds];
  let joinsMatter = false;
  const a = q(node.alias);

  for (const it of node.items) {
    if (it.kind === 'star') {
      proj.push(`${a}.*`);
    } else if (it.kind === 'field') {
      // Aggregates are off, as in PostgREST's default (only `rel(count)` embeddings count rows).
      if (it.aggregate) throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
      let e = fieldExpr(node.alias, it.field, node.colMap, params);
      if (it.cast) e = `CAST(${e} AS ${it.cast})`;
      proj.push(`${e} AS ${q(fieldOutName(it.field, it.alias))}`);
    } else {
      const em = it.embed;
      const e = q(em.sqlAlias);
      // Built only in the branch that uses it: an unused bind parameter would have no type and fail.
      const childSql = () => nodeSql(em.node, params, em.node.limit, em.node.offset);
      if (em.inner) joinsMatter = true;
      if (em.spread) {
        const names = outputNames(em.node);
        if (em.toOne) {
          joins.push(`${em.inner ? 'INNER' : 'LEFT'} JOIN LATERAL (${childSql()}) AS ${e} ON TRUE`);
          for (const n of names) proj.push(`${e}.${q(n)} AS ${q(n)}`);
        } else {
          const aggs = names.map((n) => `coalesce(json_agg("pgrst_x".${q(n)}), '[]') AS ${q(n)}`);
          joins.push(
            `LEFT JOIN LATERAL (SELECT ${[...aggs, 'count(*) AS "pgrst_n"'].join(', ')} FROM (${childSql()}) AS "pgrst_x") AS ${e} ON TRUE`,
          );
          if (em.inner) where.push(`${e}."pgrst_n" > 0`);
          for (const n of names) proj.push(`${e}.${q(n)} AS ${q(n)}`);
        }
      } else if (em.toOne) {
        joins.push(
          `${em.inner ? 'INNER' : 'LEFT'} JOIN LATERAL (SELECT row_to_json("pgrst_x") AS "v" FROM (${childSql()}) AS "pgrst_x" LIMIT 1) AS ${e} ON TRUE`,
        );
        if (em.hasSelect) proj.push(`${e}."v" AS ${q(em.outName)}`);
      } else if (em.countOnly) {
        em.node.items = [];
        const counted = childSql();
        joins.push(
          `LEFT JOIN LATERAL (SELECT json_build_array(json_build_object(${params.add(em.countOnly)}::text, count(*))) AS "v", count(*) AS "pgrst_n" FROM (${counted}) AS "pgrst_x") AS ${e} ON TRUE`,
        );
        if (em.inner) where.push(`${e}."pgrst_n" > 0`);
        proj.push(`${e}."v" AS ${q(em.outName)}`);
      } else {
        joins.push(
          `LEFT JOIN LATERAL (SELECT coalesce(json_agg("pgrst_x"), '[]') AS "v", count(*) AS "pgrst_n" FROM (${childSql()}) AS "pgrst_x") AS ${e} ON TRUE`,
        );
        if (em.inner) where.push(`${e}."pgrst_n" > 0`);
        if (em.hasSelect) proj.push(`${e}."v" AS ${q(em.outName)}`);
      }
    }
  }

  /** `rel=is.null` / `rel=not.is.null`: keep parents with / without the embedded rows. */
  const embedCond = (/** @type {string} */ name, /** @type {import('./query-parse.js').Filter} */ f) => {
    const em = node.embeds.find((x) => x.outName === name || x.name === name);
    if (!em || node.colMap?.has(name)) return null;
    if (f.op !== 'is' || (f.value !== 'null' && f.value !== 'not_null')) {
      throw new ApiError(
        400,
        'PGRST120',
        `Bad operator on the '${name}' embedded resource`,
        'Only is null or not is null filters are allowed on embedded resources',
      );
    }
    joinsMatter = true;
    const isNull = (f.value === 'null') !== f.negate;
    const e = q(em.sqlAlias);
    if (em.toOne || em.spread)
      return em.toOne ? `${e}."v" IS ${isNull ? '' : 'NOT '}NULL` : `${e}."pgrst_n" ${isNull ? '=' : '>'} 0`;
    return `${e}."pgrst_n" ${isNull ? '=' : '>'} 0`;
  };
  for (const f of node.where)
    where.push(conditionSql(f, { alias: node.alias, colMap: node.colMap, params, embedCond }));

  /** @type {string[]} */
  const order = [];
  for (const t of node.order) {
    let e;
    if (t.relation) {
      const em = node.embeds.find((x) => x.outName === t.relation || x.name === t.relation);
      if (!em) {
        throw new ApiError(
          400,
          'PGRST108',
          `'${t.relation}' is not an embedded resource in this request`,
          null,
          `Verify that '${t.relation}' is included in the 'select' query parameter.`,
        );
      }
      if (!em.toOne) {
        throw new ApiError(
          400,
          'PGRST118',
          `A related order on '${em.outName}' is not possible`,
          `'${node.name}' and '${em.outName}' do not form a many-to-one or one-to-one relationship`,
        );
      }
      const rf = /** @type {import('./query-parse.js').FieldRef} */ (t.relField);
      e = em.spread
        ? `${q(em.sqlAlias)}.${q(rf.name)}`
        : `(${q(em.sqlAlias)}."v"::jsonb -> ${params.add(rf.name)}::text)`;
    } else {
      e = fieldExpr(node.alias, /** @type {import('./query-parse.js').FieldRef} */ (t.field), node.colMap, params);
    }
    order.push(
      `${e} ${t.dir === 'desc' ? 'DESC' : 'ASC'}${t.nulls ? ` NULLS ${t.nulls === 'first' ? 'FIRST' : 'LAST'}` : ''}`,
    );
  }
  if (proj.length === 0) proj.push('1 AS "pgrst_one"');
  return { proj, joins, where, order, joinsMatter };
}

/** @param {ReadNode} node @param {Params} params @param {number} [limit] @param {number} [offset] */
export function nodeSql(node, params, limit, offset) {
  const p = nodeParts(node, params);
  return assemble(node, p, limit, offset);
}

/** @param {ReadNode} node @param {Parts} p @param {number} [limit] @param {number} [offset] */
function assemble(node, p, limit, offset) {
  let sql = `SELECT ${p.proj.join(', ')} FROM ${node.fromSql}`;
  if (p.joins.length) sql += ' ' + p.joins.join(' ');
  if (p.where.length) sql += ` WHERE ${p.where.join(' AND ')}`;
  if (p.order.length) sql += ` ORDER BY ${p.order.join(', ')}`;
  if (limit !== undefined) sql += ` LIMIT ${Number(limit)}`;
  if (offset) sql += ` OFFSET ${Number(offset)}`;
  return sql;
}

/**
 * The full read statement: one row with `body` (JSON text), `n` (rows in the page) and, if asked, `total`.
 * @param {ReadNode} node @param {Params} params
 * @param {{ limit?: number, offset?: number, count: boolean, singular: boolean, stripNulls: boolean, source?: string,
 *   extra?: string, scalarColumn?: string }} o extra: more output columns; scalarColumn: aggregate that column's bare values
 */
export function readSql(node, params, o) {
  const p = nodeParts(node, params);
  const inner = assemble(node, p, o.limit, o.offset);
  const agg = o.scalarColumn ? `json_agg("pgrst_r".${q(o.scalarColumn)})` : `json_agg("pgrst_r")`;
  let body = o.singular ? `(${agg} -> 0)` : `coalesce(${agg}, '[]')`;
  if (o.stripNulls) body = `json_strip_nulls(${body})`;
  let sql = `SELECT ${body}::text AS body, count(*)::int AS n`;
  if (o.count) {
    let c = `SELECT count(*) FROM ${node.fromSql}`;
    if (p.joinsMatter && p.joins.length) c += ' ' + p.joins.join(' ');
    if (p.where.length) c += ` WHERE ${p.where.join(' AND ')}`;
    sql += `, (${c})::int AS total`;
  }
  if (o.extra) sql += `, ${o.extra}`;
  sql += ` FROM (${inner}) AS "pgrst_r"`;
  return (o.source ?? '') + sql;
}
