-- Rules about a form that the app reads as columns of the row: PostgREST computed fields (a function of the table's
-- row type in an exposed schema, selected like a column: `forms?select=id,editable,is_party`, left out of `*`).
-- The server and the pages ask the database instead of re-deriving a rule in TypeScript, so each rule lives once,
-- in the private helpers the policies, triggers and RPCs already use. Unnamed argument, as PostgREST's docs and
-- `supabase gen types` expect of a computed field. Security definer like the helpers they call (which are granted
-- to the signed-in role only), so the service role can read them too; they only ever answer for a row the caller
-- already selected under RLS.

create or replace function public.editable(public.forms) returns boolean
language sql stable security definer set search_path = '' as $$ select private.form_editable($1.id) $$;
comment on function public.editable(public.forms) is
  'Computed field forms.editable: the form can still change (a draft, or its open case waits for resubmission) — private.form_editable, the rule of the storage policies and the form RPCs.';
grant execute on function public.editable(public.forms) to authenticated, service_role;

create or replace function public.is_party(public.forms) returns boolean
language sql stable security definer set search_path = '' as $$ select private.is_party($1.owner_id, $1.enterprise_id) $$;
comment on function public.is_party(public.forms) is
  'Computed field forms.is_party: the caller is the form''s taxpayer side (its owner, or a member of its enterprise) — private.is_party, the rule of the storage upload policy. Officers who see the form are not.';
grant execute on function public.is_party(public.forms) to authenticated;
