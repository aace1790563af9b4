// @ts-check
// Writes src/lib/database.types.ts in the format of `supabase gen types typescript` for the public schema.
// Database: DATABASE_URL if set, else the dev stand-in's postgresql://postgres:postgres@127.0.0.1:54322/postgres;
// when neither answers, a throwaway embedded PostgreSQL (supabase/local/postgres.js) is started on port 55590
// (data in the OS temp folder), brought up to date with supabase/local/migrate.js (without seed) and stopped
// afterwards. Usage: `npm run gen:types` (or `node scripts/gen-types.js [out-file]`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT, resolveConfig } from '../supabase/local/index.js';

const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'src/lib/database.types.ts'));
const SCHEMAS = ['public'];

async function connect() {
  const url = process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:54322/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return { client, stop: async () => client.end() };
  } catch {
    if (process.env.DATABASE_URL) throw new Error(`cannot connect to DATABASE_URL`);
  }
  const { startPostgres, migrate } = await import('../supabase/local/index.js');
  const config = resolveConfig({ apiPort: 55591, dbPort: 55590, dataDir: path.join(os.tmpdir(), 'vtax-gen-types') });
  const db = await startPostgres(config, { reset: true });
  await migrate(config.dbUrl, { seed: false });
  const c = new pg.Client({ connectionString: config.dbUrl });
  await c.connect();
  return { client: c, stop: async () => { await c.end(); await db.stop(); } };
}

/** @param {pg.Client} db */
async function introspect(db) {
  const q = async (/** @type {string} */ sql, /** @type {any[]} */ p = []) => (await db.query(sql, p)).rows;
  const enums = await q(`select n.nspname as schema, t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
    from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = any($1) group by 1, 2 order by 2`, [SCHEMAS]);
  const rels = await q(`select n.nspname as schema, c.relname as name, c.relkind as kind, c.oid
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm') order by c.relname`, [SCHEMAS]);
  const cols = await q(`select a.attrelid as oid, a.attname as name, a.attnum, a.attnotnull as notnull,
      format_type(a.atttypid, a.atttypmod) as fmt, t.typname, t.typtype, t.typcategory, et.typname as elem, et.typtype as elemtype,
      a.atthasdef as hasdef, a.attidentity as identity, a.attgenerated as generated, tn.nspname as typschema, etn.nspname as elemschema
    from pg_attribute a join pg_type t on t.oid = a.atttypid join pg_namespace tn on tn.oid = t.typnamespace
    left join pg_type et on et.oid = t.typelem and t.typcategory = 'A' left join pg_namespace etn on etn.oid = et.typnamespace
    where a.attnum > 0 and not a.attisdropped and a.attrelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = any($1))
    order by a.attrelid, a.attnum`, [SCHEMAS]);
  const fks = await q(`select con.conname as name, c.relname as tbl, rc.relname as ref, rn.nspname as refschema,
      (select array_agg(a.attname order by k.ord) from unnest(con.conkey) with ordinality k(n, ord) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n)::text[] as cols,
      (select array_agg(a.attname order by k.ord) from unnest(con.confkey) with ordinality k(n, ord) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n)::text[] as refcols,
      exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indisunique and i.indnatts = cardinality(con.conkey)
              and (select array_agg(x order by x) from unnest(i.indkey::int2[]) x) = (select array_agg(x order by x) from unnest(con.conkey) x)) as one_to_one
    from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class rc on rc.oid = con.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
    where con.contype = 'f' and n.nspname = any($1) order by c.relname, con.conname`, [SCHEMAS]);
  const fns = await q(`select p.proname as name, p.oid, p.proretset as setof, p.prorettype, rt.typname as rettype, rt.typtype as rettyptype,
      rt.typrelid as retrelid, rtn.nspname as retschema, rt.typcategory as retcat, ret.typname as retelem,
      coalesce(p.proargnames, '{}') as argnames, coalesce(p.proargmodes::text[], '{}') as argmodes,
      coalesce(p.proallargtypes::oid[], p.proargtypes::oid[]) as argtypes, p.pronargdefaults as ndefaults, p.pronargs as nargs
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type rt on rt.oid = p.prorettype
    join pg_namespace rtn on rtn.oid = rt.typnamespace left join pg_type ret on ret.oid = rt.typelem and rt.typcategory = 'A'
    where n.nspname = any($1) and p.prokind = 'f' and rt.typname not in ('trigger', 'event_trigger')
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    order by p.proname, p.oid`, [SCHEMAS]);
  const types = await q(`select t.oid, t.typname, t.typtype, t.typcategory, et.typname as elem, et.typtype as elemtype, n.nspname as schema, en.nspname as elemschema
    from pg_type t join pg_namespace n on n.oid = t.typnamespace left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
    left join pg_namespace en on en.oid = et.typnamespace`);
  return { enums, rels, cols, fks, fns, types: new Map(types.map((t) => [t.oid, t])) };
}

const SCALAR = /** @type {Record<string,string>} */ ({
  bool: 'boolean', int2: 'number', int4: 'number', int8: 'number', float4: 'number', float8: 'number', numeric: 'number',
  oid: 'number', json: 'Json', jsonb: 'Json', void: 'undefined', record: 'Record<string, unknown>',
});

/** @param {string} name @param {string} typtype @param {string} schema */
function tsScalar(name, typtype, schema) {
  if (typtype === 'e' && SCHEMAS.includes(schema)) return `Database["${schema}"]["Enums"]["${name}"]`;
  return SCALAR[name] ?? (typtype === 'e' ? 'string' : name.startsWith('_') ? 'unknown[]' : 'string');
}
/** @param {{typname:string,typtype:string,typcategory:string,elem?:string,elemtype?:string,typschema?:string,schema?:string,elemschema?:string}} t */
function tsType(t) {
  if (t.typcategory === 'A' && t.elem) return `${tsScalar(t.elem, t.elemtype ?? 'b', t.elemschema ?? '')}[]`;
  return tsScalar(t.typname, t.typtype, t.typschema ?? t.schema ?? '');
}
const key = (/** @type {string} */ k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));

/** @param {Awaited<ReturnType<typeof introspect>>} m */
function render(m) {
  const colsOf = (/** @type {number} */ oid) => m.cols.filter((c) => c.oid === oid);
  const lines = [];
  const I = (/** @type {number} */ n) => '  '.repeat(n);
  lines.push('export type Json =', '  | string', '  | number', '  | boolean', '  | null', '  | { [key: string]: Json | undefined }', '  | Json[]', '');
  lines.push('export type Database = {');
  for (const schema of SCHEMAS) {
    lines.push(`${I(1)}${schema}: {`);
    lines.push(`${I(2)}Tables: {`);
    for (const r of m.rels.filter((x) => x.schema === schema && (x.kind === 'r' || x.kind === 'p'))) {
      const cs = colsOf(r.oid);
      lines.push(`${I(3)}${key(r.name)}: {`);
      lines.push(`${I(4)}Row: {`);
      for (const c of cs) lines.push(`${I(5)}${key(c.name)}: ${tsType(c)}${c.notnull ? '' : ' | null'}`);
      lines.push(`${I(4)}}`, `${I(4)}Insert: {`);
      for (const c of cs) {
        if (c.generated === 's' || c.identity === 'a') { lines.push(`${I(5)}${key(c.name)}?: never`); continue; }
        const opt = !c.notnull || c.hasdef || c.identity === 'd';
        lines.push(`${I(5)}${key(c.name)}${opt ? '?' : ''}: ${tsType(c)}${c.notnull ? '' : ' | null'}`);
      }
      lines.push(`${I(4)}}`, `${I(4)}Update: {`);
      for (const c of cs) {
        if (c.generated === 's' || c.identity === 'a') { lines.push(`${I(5)}${key(c.name)}?: never`); continue; }
        lines.push(`${I(5)}${key(c.name)}?: ${tsType(c)}${c.notnull ? '' : ' | null'}`);
      }
      lines.push(`${I(4)}}`, `${I(4)}Relationships: [`);
      for (const f of m.fks.filter((x) => x.tbl === r.name && SCHEMAS.includes(x.refschema))) {
        lines.push(`${I(5)}{`, `${I(6)}foreignKeyName: ${JSON.stringify(f.name)}`, `${I(6)}columns: ${JSON.stringify(f.cols).replace(/,/g, ', ')}`,
          `${I(6)}isOneToOne: ${f.one_to_one}`, `${I(6)}referencedRelation: ${JSON.stringify(f.ref)}`,
          `${I(6)}referencedColumns: ${JSON.stringify(f.refcols).replace(/,/g, ', ')}`, `${I(5)}},`);
      }
      lines.push(`${I(4)}]`, `${I(3)}}`);
    }
    lines.push(`${I(2)}}`);
    const views = m.rels.filter((x) => x.schema === schema && (x.kind === 'v' || x.kind === 'm'));
    lines.push(`${I(2)}Views: {`);
    if (!views.length) lines.push(`${I(3)}[_ in never]: never`);
    for (const v of views) {
      lines.push(`${I(3)}${key(v.name)}: {`, `${I(4)}Row: {`);
      for (const c of colsOf(v.oid)) lines.push(`${I(5)}${key(c.name)}: ${tsType(c)} | null`);
      lines.push(`${I(4)}}`, `${I(4)}Relationships: []`, `${I(3)}}`);
    }
    lines.push(`${I(2)}}`);
    lines.push(`${I(2)}Functions: {`);
    const byName = new Map();
    for (const f of m.fns) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
    for (const [name, overloads] of byName) {
      const rendered = overloads.map((/** @type {any} */ f) => {
        const inArgs = [], outCols = [];
        const names = f.argnames, modes = f.argmodes.length ? f.argmodes : f.argtypes.map(() => 'i');
        let inIndex = 0;
        for (let i = 0; i < f.argtypes.length; i++) {
          const t = m.types.get(f.argtypes[i]);
          const ts = t ? tsType(t) : 'unknown';
          if (modes[i] === 'i' || modes[i] === 'b' || modes[i] === 'v') {
            const optional = inIndex >= f.nargs - f.ndefaults;
            inArgs.push({ name: names[i] || `arg${i}`, ts, optional });
            inIndex++;
          }
          if (modes[i] === 'o' || modes[i] === 'b' || modes[i] === 't') outCols.push({ name: names[i], ts });
        }
        const out = [];
        out.push(`${I(4)}Args: ${inArgs.length ? '{' : 'never'}`);
        if (inArgs.length) {
          for (const a of inArgs) out.push(`${I(5)}${key(a.name)}${a.optional ? '?' : ''}: ${a.ts}`);
          out.push(`${I(4)}}`);
        }
        let ret;
        if (outCols.length) {
          ret = ['{', ...outCols.map((c) => `${I(6)}${key(c.name)}: ${c.ts}`), `${I(5)}}[]`];
        } else if (f.retrelid && f.retrelid !== 0 && m.rels.some((r) => r.oid === f.retrelid)) {
          const rowCols = colsOf(f.retrelid);
          ret = ['{', ...rowCols.map((c) => `${I(6)}${key(c.name)}: ${tsType(c)}${c.notnull ? '' : ' | null'}`), `${I(5)}}${f.setof ? '[]' : ''}`];
        } else {
          const t = m.types.get(f.prorettype);
          ret = [`${t ? tsType(t) : 'unknown'}${f.setof ? '[]' : ''}`];
        }
        out.push(`${I(4)}Returns: ${ret[0]}`, ...ret.slice(1));
        if (f.retrelid && m.rels.some((r) => r.oid === f.retrelid)) {
          const rel = m.rels.find((r) => r.oid === f.retrelid);
          out.push(`${I(4)}SetofOptions: {`, `${I(5)}from: "*"`, `${I(5)}to: ${JSON.stringify(rel.name)}`,
            `${I(5)}isOneToOne: ${!f.setof}`, `${I(5)}isSetofReturn: ${f.setof}`, `${I(4)}}`);
        }
        return out;
      });
      if (rendered.length === 1) lines.push(`${I(3)}${key(name)}: {`, ...rendered[0], `${I(3)}}`);
      else {
        lines.push(`${I(3)}${key(name)}:`);
        rendered.forEach((r, i) => lines.push(`${I(4)}| {`, ...r.map((l) => '  ' + l), `${I(4)}  }`));
      }
    }
    lines.push(`${I(2)}}`);
    lines.push(`${I(2)}Enums: {`);
    for (const e of m.enums.filter((x) => x.schema === schema)) {
      lines.push(`${I(3)}${key(e.name)}:`, ...e.labels.map((/** @type {string} */ l) => `${I(4)}| ${JSON.stringify(l)}`));
    }
    lines.push(`${I(2)}}`);
    lines.push(`${I(2)}CompositeTypes: {`, `${I(3)}[_ in never]: never`, `${I(2)}}`);
    lines.push(`${I(1)}}`);
  }
  lines.push('}', '');
  lines.push(HELPERS);
  lines.push('export const Constants = {');
  for (const schema of SCHEMAS) {
    lines.push(`  ${schema}: {`, '    Enums: {');
    for (const e of m.enums.filter((x) => x.schema === schema)) {
      lines.push(`      ${key(e.name)}: [${e.labels.map((/** @type {string} */ l) => JSON.stringify(l)).join(', ')}],`);
    }
    lines.push('    },', '  },');
  }
  lines.push('} as const', '');
  return lines.join('\n');
}

const HELPERS = `type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never
`;

const { client, stop } = await connect();
try {
  const text = render(await introspect(client));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
} finally {
  await stop();
}
