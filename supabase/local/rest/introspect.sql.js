// @ts-check
// The catalog queries behind the REST schema cache: relations with columns and keys, foreign keys, view column
// sources (so views can embed like their base tables) and functions with their parameters. One round trip each,
// run as the superuser so every object is seen; privileges are enforced later by PostgreSQL at query time.

export const RELATIONS_SQL = `
select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relkind::text as kind,
  coalesce((select json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'typname', t.typname,
      'typtype', t.typtype, 'elemtype', et.typname, 'notnull', a.attnotnull,
      'default', pg_get_expr(d.adbin, d.adrelid), 'identity', a.attidentity, 'generated', a.attgenerated)
      order by a.attnum)
    from pg_attribute a join pg_type t on t.oid = a.atttypid left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns,
  coalesce((select json_agg(a.attname order by k.ord)
    from pg_constraint pk cross join lateral unnest(pk.conkey) with ordinality k(attnum, ord)
    join pg_attribute a on a.attrelid = pk.conrelid and a.attnum = k.attnum
    where pk.conrelid = c.oid and pk.contype = 'p'), '[]') as pk,
  -- UNIQUE constraints only, as PostgREST: a unique index (partial or not) never makes a relationship one-to-one.
  coalesce((select json_agg(cols) from (
    select (select array_agg(a.attname order by a.attname) from unnest(u.conkey) k(attnum)
            join pg_attribute a on a.attrelid = u.conrelid and a.attnum = k.attnum) as cols
    from pg_constraint u where u.conrelid = c.oid and u.contype = 'u') u), '[]') as uniques
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1) and c.relkind in ('r','v','m','f','p') and not c.relispartition`;

export const FKEYS_SQL = `
select con.conname as name, n1.nspname as schema, c1.relname as "table", n2.nspname as fschema, c2.relname as ftable,
  (select json_agg(json_build_array(a1.attname, a2.attname) order by k.ord)
     from unnest(con.conkey, con.confkey) with ordinality k(c, fc, ord)
     join pg_attribute a1 on a1.attrelid = con.conrelid and a1.attnum = k.c
     join pg_attribute a2 on a2.attrelid = con.confrelid and a2.attnum = k.fc) as cols
from pg_constraint con
join pg_class c1 on c1.oid = con.conrelid join pg_namespace n1 on n1.oid = c1.relnamespace
join pg_class c2 on c2.oid = con.confrelid join pg_namespace n2 on n2.oid = c2.relnamespace
where con.contype = 'f' and n1.nspname = any($1) and n2.nspname = any($1)
order by n1.nspname, c1.relname, con.conname`;

// Which base-table columns a view reads (pg_depend of its rewrite rule); good enough to carry a foreign key
// over to a view that keeps the key columns under their own names.
export const VIEW_DEPS_SQL = `
select distinct vn.nspname as schema, v.relname as view, bn.nspname as bschema, b.relname as btable, a.attname as col
from pg_class v join pg_namespace vn on vn.oid = v.relnamespace
join pg_rewrite r on r.ev_class = v.oid
join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0
join pg_class b on b.oid = d.refobjid and b.oid <> v.oid join pg_namespace bn on bn.oid = b.relnamespace
join pg_attribute a on a.attrelid = b.oid and a.attnum = d.refobjsubid
where v.relkind in ('v','m') and vn.nspname = any($1)`;

export const FUNCTIONS_SQL = `
select p.oid::int as oid, n.nspname as schema, p.proname as name, p.provolatile::text as volatility, p.proretset as retset,
  rt.typname as rettypname, rt.typtype::text as rettyptype, format_type(p.prorettype, null) as rettype,
  rc.relname as rettable, rcn.nspname as rettableschema, rc.relkind::text as rettablekind,
  p.pronargdefaults as ndefaults,
  coalesce((select json_agg(json_build_object(
      'name', coalesce(p.proargnames[i], ''),
      'type', format_type(coalesce(p.proallargtypes[i], p.proargtypes[i - 1]), null),
      'typname', (select typname from pg_type where oid = coalesce(p.proallargtypes[i], p.proargtypes[i - 1])),
      'mode', coalesce(p.proargmodes[i], 'i')) order by i)
    from generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) i), '[]') as args,
  coalesce((select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'typname', t.typname) order by a.attnum)
    from pg_attribute a join pg_type t on t.oid = a.atttypid
    where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped), '[]') as retcols
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid and rc.relkind in ('r','v','m','f','p')
left join pg_namespace rcn on rcn.oid = rc.relnamespace
where n.nspname = any($1) and p.prokind = 'f'`;
