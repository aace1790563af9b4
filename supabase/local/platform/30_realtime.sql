-- Supabase Realtime's database side (supabase/realtime tenant migrations up to 20260707 "restrict realtime
-- schema"): realtime.messages, realtime.topic(), realtime.send() and realtime.broadcast_changes() with Supabase's
-- columns, signatures and owners. The schema belongs to supabase_admin; its objects to supabase_realtime_admin;
-- postgres has usage (with grant option, no create) and every right on messages; the API roles may select,
-- insert and update messages (row-level security decides). realtime.send and realtime.broadcast_changes are
-- security invoker, as on Supabase: they insert with the caller's rights, so an `authenticated` caller sends only
-- where the insert policy lets it (a refused send is a warning, and nothing is delivered).
-- Plus the stand-in's delivery path: a trigger NOTIFYs committed broadcast rows to supabase/local/realtime.
-- Idempotent (runs as supabase_admin).

create schema if not exists realtime authorization supabase_admin;
grant usage on schema realtime to anon, authenticated, service_role;
grant usage on schema realtime to postgres with grant option;
revoke create on schema realtime from postgres;
revoke all on schema realtime from supabase_realtime_admin;
grant create, usage on schema realtime to supabase_realtime_admin with grant option;
alter default privileges for role supabase_admin in schema realtime grant all on tables to postgres, dashboard_user;
alter default privileges for role supabase_admin in schema realtime grant all on sequences to postgres, dashboard_user;
alter default privileges for role supabase_admin in schema realtime grant all on functions to postgres, dashboard_user;

set role supabase_realtime_admin;

-- Not partitioned by day as Supabase's is (the stand-in's clean-up deletes old rows instead).
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  binary_payload bytea,
  constraint messages_payload_exclusive check (payload is null or binary_payload is null),
  constraint messages_pkey primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;
create index if not exists messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;

create or replace function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- As Supabase's: the payload gets an `id` (the row's) unless it has one; the topic is set for the insert's
-- policies; failures (a refusing policy included) become warnings, so a broadcast never aborts the caller.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void language plpgsql as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    final_payload := case when payload ? 'id' then payload else jsonb_set(payload, '{id}', to_jsonb(generated_id)) end;
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end $$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW')
returns void language plpgsql as $$
declare row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object('old_record', old, 'record', new, 'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception when others then
  raise exception 'Failed to process the row: %', sqlerrm;
end $$;

-- Delivery to the stand-in (Supabase reads these rows from logical replication instead). NOTIFY is transactional:
-- it reaches the listener only after commit, in commit order, and never for a rolled-back insert (such as the
-- probe rows of an authorization check). A notification is limited to 8000 bytes, so a large row is announced
-- by id and read back by the listener.
create or replace function realtime.stand_in_notify() returns trigger language plpgsql as $$
declare
  msg text;
begin
  if new.extension <> 'broadcast' or new.event is null or new.payload is null then
    return null;
  end if;
  msg := json_build_object('id', new.id, 'topic', new.topic, 'event', new.event,
                           'private', coalesce(new.private, false), 'payload', new.payload)::text;
  if octet_length(msg) > 7900 then
    msg := json_build_object('id', new.id)::text;
  end if;
  perform pg_notify('realtime_stand_in_messages', msg);
  return null;
end $$;
drop trigger if exists stand_in_notify on realtime.messages;
create trigger stand_in_notify after insert on realtime.messages
  for each row execute function realtime.stand_in_notify();

-- The clean-up deletes by age.
create index if not exists messages_inserted_at_idx on realtime.messages (inserted_at);

reset role;

grant all on realtime.messages to postgres, dashboard_user;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;
revoke delete on realtime.messages from anon, authenticated, service_role;
grant all on function realtime.topic(), realtime.send(jsonb, text, text, boolean),
  realtime.broadcast_changes(text, text, text, text, text, record, record, text) to postgres, dashboard_user;
