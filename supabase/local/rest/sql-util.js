// @ts-check
// Shared SQL-building bits: quoted identifiers, a parameter list (every value from the request travels as a
// bind parameter, never inside the SQL text), and field expressions with JSON paths.
import pg from 'pg';

export const q = (/** @type {string} */ s) => pg.escapeIdentifier(s);

export class Params {
  constructor() {
    /** @type {any[]} */
    this.values = [];
  }
  /** @param {any} v @returns {string} `$n` */
  add(v) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const JSON_TYPES = new Set(['json', 'jsonb']);

/**
 * `"alias"."col"` followed by its JSON path (`->'k'`, `->>0`). Columns that are not json/jsonb are turned into
 * jsonb first, as PostgREST does, so a path works on any column.
 * @param {string} alias @param {import('./query-parse.js').FieldRef} field @param {Map<string, {typname: string}>|null} colMap @param {Params} params
 */
export function fieldExpr(alias, field, colMap, params) {
  let e = `${q(alias)}.${q(field.name)}`;
  if (field.path.length === 0) return e;
  const typ = colMap?.get(field.name)?.typname;
  if (!typ || !JSON_TYPES.has(typ)) e = `to_jsonb(${e})`;
  for (const step of field.path) {
    e = `(${e}${step.op}${params.add(step.isIndex ? Number(step.key) : step.key)}::${step.isIndex ? 'int' : 'text'})`;
  }
  return e;
}

/** The output name PostgREST gives a field: its alias, else the last JSON key, else the column. @param {import('./query-parse.js').FieldRef} f @param {string} [alias] */
export function fieldOutName(f, alias) {
  if (alias) return alias;
  if (f.path.length) return f.path[f.path.length - 1].key;
  return f.name;
}
