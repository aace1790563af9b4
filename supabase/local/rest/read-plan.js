// @ts-check
// The read plan: sorts the query string into select / filters / order / limit per embedding path, resolves every
// embedding to a relationship through the schema cache, and produces a tree of nodes that sql-read.js turns
// into one SQL statement. Unknown embedding paths in filters → PGRST108, as PostgREST.
import { ApiError } from './errors.js';
import { parseSelect, parseFilter, parseFilterKey, parseLogic, parseOrder, parseCount } from './query-parse.js';
import { findRelationship, isToOne } from './relations.js';
import { q } from './sql-util.js';

/**
 * @typedef {import('./query-parse.js').Filter} Filter
 * @typedef {import('./query-parse.js').Logic} Logic
 * @typedef {import('./query-parse.js').OrderTerm} OrderTerm
 * @typedef {{ filters: Array<Filter|Logic>, order?: OrderTerm[], limit?: number, offset?: number }} PathOpts
 * @typedef {{ select: string|null, columns: string|null, onConflict: string|null, byPath: Map<string, PathOpts>, args: Map<string, string> }} QueryParts
 * @typedef {{ name: string, typname: string, type?: string }} ColInfo
 * @typedef {{ kind: 'star' } | { kind: 'field', field: import('./query-parse.js').FieldRef, alias?: string, cast?: string, aggregate?: 'count' } | { kind: 'embed', embed: EmbedPlan }} PlanItem
 * @typedef {{ table: import('./schema-cache.js').Table|null, name: string, colMap: Map<string, ColInfo>|null, columns: ColInfo[],
 *   alias: string, fromSql: string, items: PlanItem[], where: Array<Filter|Logic>, joinConds: string[],
 *   order: OrderTerm[], limit?: number, offset?: number, embeds: EmbedPlan[] }} ReadNode
 * @typedef {{ node: ReadNode, rel: import('./schema-cache.js').Relationship, name: string, outName: string, toOne: boolean,
 *   inner: boolean, spread: boolean, sqlAlias: string, hasSelect: boolean, countOnly: string|null }} EmbedPlan
 */

const RESERVED = new Set(['select', 'columns', 'on_conflict', 'apikey']);
const SEP = '\u0000';

/**
 * @param {URLSearchParams} sp @param {Set<string>} [argNames] parameter names of the called function (GET rpc)
 * @returns {QueryParts}
 */
export function splitQuery(sp, argNames) {
  /** @type {QueryParts} */
  const out = { select: null, columns: null, onConflict: null, byPath: new Map(), args: new Map() };
  const at = (/** @type {string[]} */ path) => {
    const k = path.join(SEP);
    let o = out.byPath.get(k);
    if (!o) out.byPath.set(k, (o = { filters: [] }));
    return o;
  };
  for (const [k, v] of sp) {
    if (k === 'select') out.select = v;
    else if (k === 'columns') out.columns = v;
    else if (k === 'on_conflict') out.onConflict = v;
    else if (RESERVED.has(k)) continue;
    else if (argNames?.has(k)) out.args.set(k, v);
    else {
      const parts = k.split('.');
      const last = parts[parts.length - 1];
      const negLogic = parts.length >= 2 && parts[parts.length - 2] === 'not' && (last === 'or' || last === 'and');
      if (last === 'order' || last === 'limit' || last === 'offset') {
        const o = at(parts.slice(0, -1));
        if (last === 'order') o.order = parseOrder(v);
        else o[last] = parseCount(last, v);
      } else if (last === 'or' || last === 'and') {
        const path = parts.slice(0, negLogic ? -2 : -1);
        at(path).filters.push(parseLogic(last, negLogic, v));
      } else {
        const { path, field } = parseFilterKey(k);
        at(path).filters.push(parseFilter(field, v));
      }
    }
  }
  return out;
}

/**
 * @param {{ cache: import('./schema-cache.js').Cache, schema: string, counter: { n: number } }} ctx
 * @param {{ table: import('./schema-cache.js').Table|null, name: string, columns: ColInfo[], alias: string, fromSql: string,
 *   select: string|null, byPath: Map<string, PathOpts> }} root
 * @returns {ReadNode}
 */
export function buildReadPlan(ctx, root) {
  const items = parseSelect(root.select ?? '*');
  const used = new Set();
  const node = buildNode(ctx, { ...root, items, pathKeys: [''], byPath: root.byPath, used });
  for (const k of root.byPath.keys()) {
    if (!used.has(k)) {
      const first = k.split(SEP).find((_, i, a) => !used.has(a.slice(0, i + 1).join(SEP))) ?? k;
      throw new ApiError(
        400,
        'PGRST108',
        `'${first}' is not an embedded resource in this request`,
        null,
        `Verify that '${first}' is included in the 'select' query parameter.`,
      );
    }
  }
  return node;
}

/**
 * @param {{ cache: import('./schema-cache.js').Cache, schema: string, counter: { n: number } }} ctx
 * @param {{ table: import('./schema-cache.js').Table|null, name: string, columns: ColInfo[], alias: string, fromSql: string,
 *   items: import('./query-parse.js').SelectItem[], pathKeys: string[], byPath: Map<string, PathOpts>, used: Set<string> }} a
 * @returns {ReadNode}
 */
function buildNode(ctx, a) {
  /** @type {ReadNode} */
  const node = {
    table: a.table,
    name: a.name,
    colMap: new Map(a.columns.map((c) => [c.name, c])),
    columns: a.columns,
    alias: a.alias,
    fromSql: a.fromSql,
    items: [],
    where: [],
    joinConds: [],
    order: [],
    embeds: [],
  };
  for (const k of a.pathKeys) {
    const o = a.byPath.get(k);
    if (!o) continue;
    a.used.add(k);
    node.where.push(...o.filters);
    if (o.order) node.order = o.order;
    if (o.limit !== undefined) node.limit = o.limit;
    if (o.offset !== undefined) node.offset = o.offset;
  }
  for (const it of a.items) {
    if (it.kind !== 'embed') {
      node.items.push(it);
      continue;
    }
    if (!a.table) {
      throw new ApiError(
        400,
        'PGRST200',
        `Could not find a relationship between '${a.name}' and '${it.name}' in the schema cache`,
        null,
        null,
      );
    }
    const rel = findRelationship(ctx.cache, ctx.schema, a.table.name, it.name, it.hint);
    const target = rel.target;
    const childAlias = `${target.name}_${++ctx.counter.n}`;
    const outName = it.alias ?? it.name;
    const childKeys = a.pathKeys.flatMap((pk) =>
      [...new Set([it.alias, it.name].filter(Boolean))].map((n) => (pk === '' ? n : pk + SEP + n)),
    );
    const child = buildNode(ctx, {
      table: target,
      name: target.name,
      columns: target.columns,
      alias: childAlias,
      fromSql: `${q(target.schema)}.${q(target.name)} AS ${q(childAlias)}`,
      items: it.select,
      pathKeys: /** @type {string[]} */ (childKeys),
      byPath: a.byPath,
      used: a.used,
    });
    if (rel.card === 'm2m' && rel.junction) {
      const j = rel.junction;
      const ja = `pgrst_j_${ctx.counter.n}`;
      const conds = [
        ...j.cols1.map(([jc, oc]) => `${q(ja)}.${q(jc)} = ${q(a.alias)}.${q(oc)}`),
        ...j.cols2.map(([jc, tc]) => `${q(ja)}.${q(jc)} = ${q(childAlias)}.${q(tc)}`),
      ];
      child.joinConds.push(
        `EXISTS (SELECT 1 FROM ${q(target.schema)}.${q(j.table)} AS ${q(ja)} WHERE ${conds.join(' AND ')})`,
      );
    } else {
      for (const [oc, tc] of rel.cols) child.joinConds.push(`${q(childAlias)}.${q(tc)} = ${q(a.alias)}.${q(oc)}`);
    }
    /** @type {EmbedPlan} */
    const embed = {
      node: child,
      rel,
      name: it.name,
      outName,
      toOne: isToOne(rel),
      inner: it.joinType === 'inner',
      spread: it.spread,
      sqlAlias: `pgrst_e_${ctx.counter.n}`,
      hasSelect: it.select.length > 0,
      countOnly: countOnly(it.select, target),
    };
    node.embeds.push(embed);
    node.items.push({ kind: 'embed', embed });
  }
  return node;
}

/**
 * `rel(count)` / `rel(alias:count())`: the embedding is just the number of related rows, `[{ "count": n }]`
 * (a bare `count` only when the table has no column of that name). Returns the output key or null.
 * @param {import('./query-parse.js').SelectItem[]} items @param {import('./schema-cache.js').Table} target
 */
function countOnly(items, target) {
  if (items.length !== 1 || items[0].kind !== 'field') return null;
  const f = items[0];
  if (f.field.name !== 'count' || f.field.path.length || f.cast) return null;
  if (!f.aggregate && target.colMap.has('count')) return null;
  return f.alias ?? 'count';
}

/** Output column names a node produces (needed to spread it into its parent). @param {ReadNode} node @returns {string[]} */
export function outputNames(node) {
  /** @type {string[]} */
  const out = [];
  for (const it of node.items) {
    if (it.kind === 'star') out.push(...node.columns.map((c) => c.name));
    else if (it.kind === 'field')
      out.push(it.alias ?? (it.field.path.length ? it.field.path[it.field.path.length - 1].key : it.field.name));
    else if (it.embed.spread) out.push(...outputNames(it.embed.node));
    else if (it.embed.hasSelect) out.push(it.embed.outName);
  }
  return out;
}
