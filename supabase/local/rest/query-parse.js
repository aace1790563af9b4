// @ts-check
// Parses PostgREST's query language into plain objects: `select` (columns, aliases, casts, JSON paths,
// embeddings with hints/join types, spreads), filters (`col=op.value`, any/all modifiers, fts configs, `not.`),
// logic trees (`or=(…)`, `and=(…)`, nested, negated), `order`, and the Prefer/Range headers. Pure functions:
// no schema knowledge here; malformed input → PGRST100 like PostgREST.
import { ApiError, parseError } from './errors.js';

/**
 * @typedef {{ op: '->'|'->>', key: string, isIndex: boolean }} PathStep
 * @typedef {{ name: string, path: PathStep[] }} FieldRef
 * @typedef {{ kind: 'star' }
 *   | { kind: 'field', field: FieldRef, alias?: string, cast?: string, aggregate?: 'count' }
 *   | { kind: 'embed', name: string, alias?: string, hint?: string, joinType?: 'inner'|'left', spread: boolean, select: SelectItem[] }} SelectItem
 * @typedef {{ type: 'filter', field: FieldRef, negate: boolean, op: string, modifier?: 'any'|'all', config?: string, value: string | string[] }} Filter
 * @typedef {{ type: 'logic', negate: boolean, op: 'and'|'or', children: Array<Filter|Logic> }} Logic
 * @typedef {{ field?: FieldRef, relation?: string, relField?: FieldRef, dir?: 'asc'|'desc', nulls?: 'first'|'last' }} OrderTerm
 */

export const OPERATORS = new Set([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
  'is',
  'isdistinct',
  'in',
  'cs',
  'cd',
  'ov',
  'sl',
  'sr',
  'nxl',
  'nxr',
  'adj',
  'fts',
  'plfts',
  'phfts',
  'wfts',
]);
const QUANTIFIABLE = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
const FTS = new Set(['fts', 'plfts', 'phfts', 'wfts']);

/**
 * Deepest nesting of logic trees (`or=(and(or(…)))`) and of embeddings (`a(b(c(…)))`) accepted. The parsers
 * recurse, so a few thousand levels overflowed the stack (a 500); no real query comes near this.
 */
export const MAX_NESTING = 100;

/** A tiny cursor over a string with PostgREST-style identifier reading. */
class Cursor {
  /** @param {string} s @param {string} what */
  constructor(s, what) {
    this.s = s;
    this.i = 0;
    this.what = what;
    this.depth = 0;
  }
  /** One level deeper; refused with PGRST100 past MAX_NESTING. */
  enter() {
    if (++this.depth > MAX_NESTING) {
      throw parseError(
        `"failed to parse ${this.what} (${this.s})" (line 1, column ${this.i + 1})`,
        `nesting deeper than ${MAX_NESTING} levels`,
      );
    }
  }
  leave() {
    this.depth--;
  }
  get done() {
    return this.i >= this.s.length;
  }
  peek(n = 1) {
    return this.s.slice(this.i, this.i + n);
  }
  /** @param {string} t */
  eat(t) {
    if (this.s.startsWith(t, this.i)) {
      this.i += t.length;
      return true;
    }
    return false;
  }
  /** @param {string} [expecting] @returns {never} */
  fail(expecting) {
    const at = this.done ? 'end of input' : `"${this.s[this.i]}"`;
    throw parseError(
      `"failed to parse ${this.what} (${this.s})" (line 1, column ${this.i + 1})`,
      `unexpected ${at}${expecting ? ` expecting ${expecting}` : ''}`,
    );
  }
  /** @param {string} t */
  expect(t) {
    if (!this.eat(t)) this.fail(`"${t}"`);
  }
  /** Quoted "…" (with \" escapes) or a bare run of name characters. @param {RegExp} [stop] */
  ident(stop = /[,()!:.\-*>"]/) {
    if (this.peek() === '"') return this.quoted();
    const start = this.i;
    while (!this.done && !stop.test(this.s[this.i])) this.i++;
    if (this.i === start) this.fail('field name');
    return this.s.slice(start, this.i).trim();
  }
  quoted() {
    this.expect('"');
    let out = '';
    while (!this.done && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
      out += this.s[this.i++];
    }
    this.expect('"');
    return out;
  }
  /** JSON path steps after a field name: ->key, ->>key, ->0. @returns {PathStep[]} */
  jsonPath() {
    /** @type {PathStep[]} */
    const path = [];
    for (;;) {
      /** @type {'->'|'->>'} */
      let op;
      if (this.eat('->>')) op = '->>';
      else if (this.eat('->')) op = '->';
      else return path;
      const neg = this.peek() === '-' && /[0-9]/.test(this.s[this.i + 1] ?? '');
      if (neg || /[0-9]/.test(this.peek())) {
        const m = /^-?[0-9]+/.exec(this.s.slice(this.i));
        if (m && !/[A-Za-z_]/.test(this.s[this.i + m[0].length] ?? '')) {
          this.i += m[0].length;
          path.push({ op, key: m[0], isIndex: true });
          continue;
        }
      }
      path.push({ op, key: this.ident(/[,()!:.\->"]/), isIndex: false });
    }
  }
  /** @returns {FieldRef} */
  field() {
    const name = this.ident();
    return { name, path: this.jsonPath() };
  }
}

/** @param {string} raw @returns {SelectItem[]} */
export function parseSelect(raw) {
  const c = new Cursor(raw, 'select parameter');
  const items = selectList(c);
  if (!c.done) c.fail();
  return items;
}

/** @param {Cursor} c @returns {SelectItem[]} */
function selectList(c) {
  /** @type {SelectItem[]} */
  const items = [];
  if (c.done || c.peek() === ')') return items;
  for (;;) {
    items.push(selectItem(c));
    if (!c.eat(',')) return items;
  }
}

/** @param {Cursor} c @returns {SelectItem} */
function selectItem(c) {
  if (c.eat('*')) return { kind: 'star' };
  const spread = c.eat('...');
  let name = c.ident();
  /** @type {string|undefined} */
  let alias;
  if (c.peek() === ':' && c.peek(2) !== '::') {
    c.i++;
    alias = name;
    name = c.ident();
  }
  /** @type {string|undefined} */
  let hint;
  /** @type {'inner'|'left'|undefined} */
  let joinType;
  while (c.eat('!')) {
    const h = c.ident();
    if (h === 'inner' || h === 'left') joinType = h;
    else hint = h;
  }
  // `count()` is the count aggregate, not an embedding of a relation called count.
  if (name === 'count' && !spread && !hint && !joinType && c.peek(2) === '()') {
    c.i += 2;
    return { kind: 'field', field: { name: 'count', path: [] }, alias, aggregate: 'count' };
  }
  if (c.eat('(')) {
    c.enter();
    const select = selectList(c);
    c.expect(')');
    c.leave();
    return { kind: 'embed', name, alias, hint, joinType, spread, select };
  }
  if (spread || hint || joinType) c.fail('"("');
  const path = c.jsonPath();
  /** @type {string|undefined} */
  let cast;
  if (c.eat('::')) {
    const start = c.i;
    while (!c.done && /[A-Za-z0-9_[\]]/.test(c.s[c.i])) c.i++;
    cast = c.s.slice(start, c.i);
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/.test(cast)) c.fail('type name');
  }
  return { kind: 'field', field: { name, path }, alias, cast };
}

/**
 * The operator part of a filter value: `[not.]op[(any|all|config)].value`.
 * @param {FieldRef} field @param {string} raw @param {boolean} inLogic values inside or=(…) may be "quoted"
 * @returns {Filter}
 */
export function parseFilter(field, raw, inLogic = false) {
  const fail = () => {
    throw parseError(
      `"failed to parse filter (${raw})" (line 1, column ${raw.length + 1})`,
      `unexpected end of input expecting operator (eq, gt, ...)`,
    );
  };
  let rest = raw;
  let negate = false;
  if (rest.startsWith('not.')) {
    negate = true;
    rest = rest.slice(4);
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\./.exec(rest);
  if (!m || !OPERATORS.has(m[1])) return fail();
  const op = m[1];
  let value = rest.slice(m[0].length);
  /** @type {Filter} */
  const f = { type: 'filter', field, negate, op, value };
  if (m[2] !== undefined) {
    if (FTS.has(op)) f.config = m[2];
    else if ((m[2] === 'any' || m[2] === 'all') && QUANTIFIABLE.has(op)) f.modifier = m[2];
    else return fail();
  }
  if (inLogic && value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = unquote(value);
  if (op === 'in') {
    f.value = parseList(value, raw);
  } else if (f.modifier) {
    if (!value.startsWith('{') || !value.endsWith('}')) return fail();
    f.value = parseList('(' + value.slice(1, -1) + ')', raw);
  } else if (op === 'is') {
    const v = value.toLowerCase();
    if (!['null', 'not_null', 'true', 'false', 'unknown'].includes(v)) {
      throw parseError(
        `"failed to parse filter (${raw})" (line 1, column ${raw.length - value.length + 1})`,
        `unexpected "${value[0] ?? ''}" expecting null or trilean value (unknown, true, false)`,
      );
    }
    f.value = v;
  } else {
    f.value = value;
  }
  return f;
}

/** @param {string} s */
function unquote(s) {
  return s.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** `(a,"b,c",d)` → ['a','b,c','d']. @param {string} v @param {string} raw */
function parseList(v, raw) {
  if (!v.startsWith('(') || !v.endsWith(')')) {
    throw parseError(
      `"failed to parse filter (${raw})" (line 1, column ${raw.length - v.length + 1})`,
      'unexpected input expecting "("',
    );
  }
  const inner = v.slice(1, -1);
  /** @type {string[]} */
  const out = [];
  if (inner.trim() === '') return out;
  let i = 0;
  while (i <= inner.length) {
    if (inner[i] === '"') {
      let s = '';
      i++;
      while (i < inner.length && inner[i] !== '"') {
        if (inner[i] === '\\') i++;
        s += inner[i++] ?? '';
      }
      i++; // closing quote
      out.push(s);
      while (i < inner.length && inner[i] !== ',') i++;
      i++;
    } else {
      let j = inner.indexOf(',', i);
      if (j === -1) j = inner.length;
      out.push(inner.slice(i, j));
      i = j + 1;
    }
  }
  return out;
}

/**
 * A logic tree value: `(a.eq.1,or(b.gt.2,c.is.null),not.and(d.eq.x,e.eq.y))`.
 * @param {'and'|'or'} op @param {boolean} negate @param {string} raw @returns {Logic}
 */
export function parseLogic(op, negate, raw) {
  const c = new Cursor(raw, 'logic tree');
  const tree = logicGroup(c, op, negate);
  if (!c.done) c.fail();
  return tree;
}

/** @param {Cursor} c @param {'and'|'or'} op @param {boolean} negate @returns {Logic} */
function logicGroup(c, op, negate) {
  c.expect('(');
  c.enter();
  /** @type {Array<Filter|Logic>} */
  const children = [];
  for (;;) {
    let neg = false;
    const save = c.i;
    if (c.eat('not.')) neg = true;
    if (c.peek(4) === 'and(' || c.peek(3) === 'or(') {
      const sub = c.eat('and') ? 'and' : (c.eat('or'), 'or');
      children.push(logicGroup(c, sub, neg));
    } else {
      c.i = save;
      const field = c.field();
      c.expect('.');
      // The filter value runs to the next top-level ',' or ')', skipping quoted text and parentheses.
      const start = c.i;
      let depth = 0;
      let inQuote = false;
      while (!c.done) {
        const ch = c.s[c.i];
        if (inQuote) {
          if (ch === '\\') c.i++;
          else if (ch === '"') inQuote = false;
        } else if (ch === '"') inQuote = true;
        else if (ch === '(') depth++;
        else if (ch === ')') {
          if (depth === 0) break;
          depth--;
        } else if (ch === ',' && depth === 0) break;
        c.i++;
      }
      if (inQuote) c.fail('closing quote');
      children.push(parseFilter(field, c.s.slice(start, c.i), true));
    }
    if (c.eat(',')) continue;
    c.expect(')');
    c.leave();
    return { type: 'logic', negate, op, children };
  }
}

/** A filter key: `col`, `col->>k`, `rel.col`, `rel.sub.col`. @param {string} k @returns {{ path: string[], field: FieldRef }} */
export function parseFilterKey(k) {
  const c = new Cursor(k, 'filter');
  /** @type {string[]} */
  const parts = [];
  for (;;) {
    const field = c.field();
    if (c.done) return { path: parts, field };
    if (field.path.length === 0 && c.eat('.')) {
      parts.push(field.name);
      continue;
    }
    c.fail();
  }
}

/** @param {string} raw @returns {OrderTerm[]} */
export function parseOrder(raw) {
  const c = new Cursor(raw, 'order');
  /** @type {OrderTerm[]} */
  const terms = [];
  for (;;) {
    /** @type {OrderTerm} */
    const t = {};
    const first = c.field();
    if (first.path.length === 0 && c.eat('(')) {
      t.relation = first.name;
      t.relField = c.field();
      c.expect(')');
    } else t.field = first;
    while (c.eat('.')) {
      const w = c.ident();
      if (w === 'asc' || w === 'desc') t.dir = w;
      else if (w === 'nullsfirst') t.nulls = 'first';
      else if (w === 'nullslast') t.nulls = 'last';
      else {
        c.i -= w.length;
        c.fail('"asc", "desc", "nullsfirst" or "nullslast"');
      }
    }
    terms.push(t);
    if (c.done) return terms;
    c.expect(',');
  }
}

/**
 * Prefer header(s) → settings PostgREST understands (unknown ones ignored, as PostgREST does by default).
 * @param {string|string[]|undefined} header
 */
export function parsePrefer(header) {
  const parts = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  /** @type {{ return?: string, count?: string, resolution?: string, missing?: string, tx?: string, handling?: string, maxAffected?: number }} */
  const p = {};
  for (const part of parts) {
    const [k, v = ''] = part.split('=').map((s) => s.trim());
    if (k === 'return' && ['representation', 'minimal', 'headers-only'].includes(v)) p.return = v;
    else if (k === 'count' && ['exact', 'planned', 'estimated'].includes(v)) p.count = v;
    else if (k === 'resolution' && ['merge-duplicates', 'ignore-duplicates'].includes(v)) p.resolution = v;
    else if (k === 'missing' && ['default', 'null'].includes(v)) p.missing = v;
    else if (k === 'tx' && ['commit', 'rollback'].includes(v)) p.tx = v;
    else if (k === 'handling' && ['strict', 'lenient'].includes(v)) p.handling = v;
    else if (k === 'max-affected' && /^\d+$/.test(v)) p.maxAffected = Number(v);
  }
  return p;
}

/**
 * `Range: 0-9` (items) → { offset, limit }. Malformed ranges are ignored as PostgREST does; lower > upper → 416.
 * @param {string|undefined} header @returns {{ offset: number, limit?: number } | null}
 */
export function parseRange(header) {
  if (!header) return null;
  const m = /^(?:items=)?\s*(\d+)-(\d*)\s*$/.exec(header.trim());
  if (!m) return null;
  const from = Number(m[1]);
  if (m[2] === '') return { offset: from };
  const to = Number(m[2]);
  if (from > to) {
    throw new ApiError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
    );
  }
  return { offset: from, limit: to - from + 1 };
}

/** A non-negative integer query parameter (limit/offset). @param {string} name @param {string} v */
export function parseCount(name, v) {
  if (!/^\d+$/.test(v)) {
    throw parseError(
      `"failed to parse ${name} parameter (${v})" (line 1, column 1)`,
      'unexpected input expecting digit',
    );
  }
  return Number(v);
}
