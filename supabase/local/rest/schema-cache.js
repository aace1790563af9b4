// @ts-check
// The REST schema cache: what PostgREST knows about the exposed schemas — tables/views with columns and keys,
// the relationships embedding may follow (many-to-one, one-to-many, one-to-one, many-to-many through a junction,
// carried over to views), and the callable functions. Built from pg_catalog, kept until `NOTIFY pgrst` (or a
// cache miss) asks for a fresh look, so a request costs no catalog queries.
import pg from 'pg';
import { forgetRoleSettings } from '../as-role.js';
import { RELATIONS_SQL, FKEYS_SQL, VIEW_DEPS_SQL, FUNCTIONS_SQL } from './introspect.sql.js';

/**
 * @typedef {{ name: string, type: string, typname: string, typtype: string, elemtype: string|null, notnull: boolean,
 *   default: string|null, identity: string, generated: string }} Column
 * @typedef {{ schema: string, name: string, kind: string, isView: boolean, columns: Column[], colMap: Map<string, Column>,
 *   pk: string[], uniques: string[][] }} Table
 * @typedef {{ table: string, cons1: string, cols1: [string,string][], cons2: string, cols2: [string,string][] }} Junction
 * @typedef {{ origin: Table, target: Table, card: 'm2o'|'o2m'|'o2o'|'m2m', cons: string, cols: [string,string][],
 *   junction?: Junction, isSelf: boolean }} Relationship
 * @typedef {{ name: string, type: string, typname: string, required: boolean }} Param
 * @typedef {{ schema: string, name: string, volatility: string, retset: boolean, params: Param[],
 *   returns: 'void'|'scalar'|'composite', rettype: string, retTable: Table|null, retCols: {name:string,type:string,typname:string}[] }} Fn
 * @typedef {{ tables: Map<string, Table>, rels: Map<string, Relationship[]>, fns: Map<string, Fn[]>, loadedAt: number }} Cache
 */

const key = (/** @type {string} */ s, /** @type {string} */ n) => `${s}\u0000${n}`;

/**
 * @param {pg.Pool} pool @param {string[]} schemas
 * @returns {Promise<Cache>}
 */
export async function loadSchemaCache(pool, schemas) {
  const client = await pool.connect();
  let rows;
  try {
    // One snapshot for all four queries so they agree with each other.
    await client.query('begin isolation level repeatable read read only');
    rows = [];
    for (const q of [RELATIONS_SQL, FKEYS_SQL, VIEW_DEPS_SQL, FUNCTIONS_SQL])
      rows.push(await client.query(q, [schemas]));
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  const [relRows, fkRows, depRows, fnRows] = rows.map((r) => r.rows);

  /** @type {Map<string, Table>} */
  const tables = new Map();
  for (const r of relRows) {
    /** @type {Table} */
    const t = {
      schema: r.schema,
      name: r.name,
      kind: r.kind,
      isView: r.kind === 'v' || r.kind === 'm',
      columns: r.columns,
      colMap: new Map(r.columns.map((/** @type {Column} */ c) => [c.name, c])),
      pk: r.pk,
      uniques: (r.uniques ?? []).filter(Boolean),
    };
    tables.set(key(t.schema, t.name), t);
  }

  /** @type {Map<string, Relationship[]>} */
  const rels = new Map();
  /** @param {Relationship} rel */
  const addRel = (rel) => {
    const k = key(rel.origin.schema, rel.origin.name);
    const list = rels.get(k) ?? [];
    list.push(rel);
    rels.set(k, list);
  };
  /** Whether `cols` is the primary key or a UNIQUE constraint of `t` (decides one-to-one). @param {Table} t @param {string[]} cols */
  const isUnique = (t, cols) => {
    const s = [...cols].sort().join(',');
    return [...(t.pk.length ? [t.pk] : []), ...t.uniques].some((u) => [...u].sort().join(',') === s);
  };

  /** @type {Array<{name:string, table: Table, ftable: Table, cols: [string,string][]}>} */
  const fks = [];
  for (const f of fkRows) {
    const table = tables.get(key(f.schema, f.table));
    const ftable = tables.get(key(f.fschema, f.ftable));
    if (!table || !ftable || f.schema !== f.fschema) continue;
    fks.push({ name: f.name, table, ftable, cols: f.cols });
  }

  // Views inherit a foreign key when they expose its columns (same names) read from the base table.
  /** @type {Map<string, Map<string, Set<string>>>} base table key → view key → columns read */
  const viewsOf = new Map();
  for (const d of depRows) {
    const bk = key(d.bschema, d.btable);
    const vk = key(d.schema, d.view);
    if (!viewsOf.has(bk)) viewsOf.set(bk, new Map());
    const m = /** @type {Map<string, Set<string>>} */ (viewsOf.get(bk));
    if (!m.has(vk)) m.set(vk, new Set());
    m.get(vk)?.add(d.col);
  }
  /** The table itself plus every view that carries `cols` of it. @param {Table} t @param {string[]} cols @returns {Table[]} */
  const carriers = (t, cols) => {
    /** @type {Table[]} */
    const out = [t];
    for (const [vk, used] of viewsOf.get(key(t.schema, t.name)) ?? []) {
      const v = tables.get(vk);
      if (v && cols.every((c) => used.has(c) && v.colMap.has(c))) out.push(v);
    }
    return out;
  };

  for (const fk of fks) {
    const originCols = fk.cols.map((c) => c[0]);
    const targetCols = fk.cols.map((c) => c[1]);
    const oneToOne = isUnique(fk.table, originCols);
    const isSelf = fk.table === fk.ftable;
    for (const a of carriers(fk.table, originCols)) {
      for (const b of carriers(fk.ftable, targetCols)) {
        if (isSelf && (a !== fk.table || b !== fk.ftable) && a === b) continue;
        const self = a === b;
        addRel({ origin: a, target: b, card: oneToOne ? 'o2o' : 'm2o', cons: fk.name, cols: fk.cols, isSelf: self });
        addRel({
          origin: b,
          target: a,
          card: oneToOne ? 'o2o' : 'o2m',
          cons: fk.name,
          cols: fk.cols.map(([x, y]) => /** @type {[string,string]} */ ([y, x])),
          isSelf: self,
        });
      }
    }
  }

  // Many-to-many: a junction table whose two foreign keys both lie inside its primary key (or a unique key).
  /** @type {Map<Table, typeof fks>} */
  const fksBySource = new Map();
  for (const fk of fks) fksBySource.set(fk.table, [...(fksBySource.get(fk.table) ?? []), fk]);
  for (const [j, list] of fksBySource) {
    if (list.length < 2) continue;
    const keysets = [...(j.pk.length ? [j.pk] : []), ...j.uniques];
    for (const f1 of list) {
      for (const f2 of list) {
        if (f1 === f2) continue;
        const cols = [...f1.cols.map((c) => c[0]), ...f2.cols.map((c) => c[0])];
        if (!keysets.some((u) => cols.every((c) => u.includes(c)))) continue;
        addRel({
          origin: f1.ftable,
          target: f2.ftable,
          card: 'm2m',
          cons: f1.name,
          cols: [],
          junction: { table: j.name, cons1: f1.name, cols1: f1.cols, cons2: f2.name, cols2: f2.cols },
          isSelf: f1.ftable === f2.ftable,
        });
      }
    }
  }

  /** @type {Map<string, Fn[]>} */
  const fns = new Map();
  for (const f of fnRows) {
    /** @type {Array<{name:string,type:string,typname:string,mode:string}>} */
    const args = f.args;
    const inArgs = args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v');
    const outArgs = args.filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
    const firstOptional = inArgs.length - (f.ndefaults ?? 0);
    const retTable = f.rettable ? (tables.get(key(f.rettableschema, f.rettable)) ?? null) : null;
    /** @type {Fn['returns']} */
    let returns = 'scalar';
    let retCols = f.retcols;
    if (f.rettypname === 'void') returns = 'void';
    else if (f.rettyptype === 'c') returns = 'composite';
    else if (f.rettypname === 'record' && outArgs.length > 0) {
      returns = 'composite';
      retCols = outArgs.map((a) => ({ name: a.name, type: a.type, typname: a.typname }));
    }
    /** @type {Fn} */
    const fn = {
      schema: f.schema,
      name: f.name,
      volatility: f.volatility,
      retset: f.retset,
      params: inArgs.map((a, i) => ({ name: a.name, type: a.type, typname: a.typname, required: i < firstOptional })),
      returns,
      rettype: f.rettype,
      retTable,
      retCols,
    };
    const k = key(fn.schema, fn.name);
    fns.set(k, [...(fns.get(k) ?? []), fn]);
  }

  return { tables, rels, fns, loadedAt: Date.now() };
}

/**
 * Holds the current cache, reloads it on `NOTIFY pgrst` (listener reconnects by itself) and on demand after a
 * miss (at most one reload in flight; misses within 250 ms of a reload reuse it).
 * @param {{ pool: pg.Pool, dbUrl: string, schemas: string[], log: (m: string) => void }} opts
 */
export function createSchemaCache({ pool, dbUrl, schemas, log }) {
  /** @type {Cache|null} */
  let cache = null;
  /** @type {Promise<Cache>|null} */
  let inflight = null;
  let closed = false;
  /** @type {pg.Client|null} */
  let listener = null;
  /** @type {NodeJS.Timeout|null} */
  let retryTimer = null;

  let inflightStarted = 0;
  let cacheStarted = 0;
  const reload = () => {
    if (inflight) return inflight;
    const started = Date.now();
    inflightStarted = started;
    forgetRoleSettings();
    inflight = loadSchemaCache(pool, schemas)
      .then((c) => {
        cacheStarted = started;
        return (cache = c);
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  };

  const listen = async () => {
    if (closed) return;
    const client = new pg.Client({ connectionString: dbUrl });
    listener = client;
    const retry = () => {
      if (closed || listener !== client) return;
      listener = null;
      client.end().catch(() => {});
      retryTimer = setTimeout(() => void listen(), 1000);
      retryTimer.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (n) => {
      const p = (n.payload ?? '').trim();
      // The roles' own settings are PostgREST's configuration ('reload config'); reload() forgets them too, so a
      // migration's `alter role … set` counts from the schema reload its DDL triggers.
      if (p === 'reload config') forgetRoleSettings();
      if (p === '' || p === 'reload schema') reload().catch((e) => log(`rest: schema reload failed: ${e.message}`));
    });
    try {
      await client.connect();
      await client.query('listen pgrst');
      // Anything could have changed while we were not listening.
      if (cache) reload().catch(() => {});
    } catch {
      retry();
    }
  };

  return {
    /** @returns {Promise<Cache>} */
    async get() {
      return cache ?? (await reload());
    },
    /**
     * A cache at least as new as `since` (when the request that missed began): concurrent misses share one
     * reload, and a reload that began after the request counts as fresh.
     * @param {number} since @returns {Promise<Cache>}
     */
    async refreshAfterMiss(since) {
      if (inflight && inflightStarted >= since) return inflight;
      if (cache && cacheStarted >= since) return cache;
      if (inflight) await inflight.catch(() => {});
      if (cache && cacheStarted >= since) return cache;
      return reload();
    },
    reload,
    start: listen,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const l = listener;
      listener = null;
      await l?.end().catch(() => {});
    },
  };
}

export { key as cacheKey };
