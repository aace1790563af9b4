-- Supabase Storage's tables and helper functions (names, columns and signatures as in supabase/storage),
-- which a real project already has. Idempotent. (Owned by the storage module; extended there.)
create table if not exists storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  type text not null default 'STANDARD',
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets(id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  user_metadata jsonb,
  level int
);
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role, supabase_storage_admin, postgres;

create or replace function storage.foldername(name text) returns text[] language plpgsql immutable as $$
declare _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1 : array_length(_parts, 1) - 1];
end $$;
create or replace function storage.filename(name text) returns text language plpgsql immutable as $$
declare _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end $$;
create or replace function storage.extension(name text) returns text language plpgsql immutable as $$
declare _parts text[]; _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end $$;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text) to anon, authenticated, service_role;

-- Columns later Supabase Storage versions added, for data folders created by the first cut of this file.
alter table storage.objects add column if not exists version text;
alter table storage.objects add column if not exists user_metadata jsonb;

-- storage.search: the function Storage's `POST /object/list/{bucket}` runs as the caller (so SELECT policies on
-- storage.objects decide what is listed). Same signature and result as Supabase's: first the "folders" one level
-- below `prefix` (name only, other columns null), then the files at that level; `search` is a name prefix
-- (ilike, as Supabase does) and `levels` the depth of the listed level (1 = bucket root).
create or replace function storage.search(
  prefix text, bucketname text, limits int default 100, levels int default 1, offsets int default 0,
  search text default '', sortcolumn text default 'name', sortorder text default 'asc')
returns table (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
language plpgsql stable as $$
declare
  v_col text := case when sortcolumn in ('name', 'updated_at', 'created_at', 'last_accessed_at') then sortcolumn else 'name' end;
  v_dir text := case when lower(sortorder) = 'desc' then 'desc' else 'asc' end;
begin
  return query execute format(
    'with folders as (
       select o.path_tokens[$1] as folder
         from storage.objects o
        where o.name ilike $2 || $3 || ''%%'' and o.bucket_id = $4 and array_length(o.path_tokens, 1) <> $1
        group by folder
        order by folder %2$s)
     (select folder, null::uuid, null::timestamptz, null::timestamptz, null::timestamptz, null::jsonb from folders)
     union all
     (select o.path_tokens[$1], o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata
        from storage.objects o
       where o.name ilike $2 || $3 || ''%%'' and o.bucket_id = $4 and array_length(o.path_tokens, 1) = $1
       order by %1$I %2$s)
     limit $5 offset $6', v_col, v_dir)
  using levels, coalesce(prefix, ''), coalesce(search, ''), bucketname, limits, offsets;
end $$;
grant execute on function storage.search(text, text, int, int, int, text, text, text) to anon, authenticated, service_role;
