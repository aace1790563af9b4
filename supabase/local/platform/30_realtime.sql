-- Supabase Realtime's database side: realtime.messages (RLS decides who may read/write a private channel),
-- realtime.topic(), realtime.send() and realtime.broadcast_changes() with Supabase's signatures. Idempotent.
-- Plus the stand-in's delivery path: a trigger NOTIFYs committed broadcast rows to supabase/local/realtime.
create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;
grant select, insert, update, delete on realtime.messages to anon, authenticated, service_role;

create or replace function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- As Supabase's: the payload gets an `id` (the row's) unless it has one; failures become warnings, so a broadcast
-- can never abort the caller's transaction.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void language plpgsql security definer set search_path = '' as $$
declare
  generated_id uuid := gen_random_uuid();
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (
      generated_id,
      case when payload ? 'id' then payload else jsonb_set(payload, '{id}', to_jsonb(generated_id)) end,
      event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end $$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW')
returns void language plpgsql security definer set search_path = '' as $$
declare row_data jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation in ('INSERT', 'UPDATE', 'DELETE') then
    row_data := jsonb_build_object(
      'old_record', case when old is null then null else to_jsonb(old) end,
      'record', case when new is null then null else to_jsonb(new) end,
      'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type %', operation;
  end if;
end $$;
grant execute on function realtime.send(jsonb, text, text, boolean), realtime.broadcast_changes(text, text, text, text, text, record, record, text) to authenticated, service_role;

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
