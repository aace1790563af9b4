-- Custom Access Token hook (Supabase Auth → Hooks): adds app_role, duties and halls to every access token.
-- Standard claims (role = 'authenticated', sub, …) stay untouched. Role changes apply at the next refresh.
-- Configured in supabase/config.toml [auth.hook.custom_access_token] and, on a hosted project, in the dashboard.

create or replace function public.custom_access_token_hook(event jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  uid uuid := (event ->> 'user_id')::uuid;
  claims jsonb := coalesce(event -> 'claims', '{}'::jsonb);
  r public.app_role;
  duties jsonb := '[]'::jsonb;
  halls jsonb := '[]'::jsonb;
begin
  select p.app_role into r from public.profiles p where p.id = uid;
  if r = 'officer' then
    select coalesce(jsonb_agg(d.duty::text order by d.duty), '[]'::jsonb) into duties from public.officer_duties d where d.officer_id = uid;
    select coalesce(jsonb_agg(h.hall_id::text order by h.hall_id), '[]'::jsonb) into halls from public.officer_halls h where h.officer_id = uid;
  end if;
  claims := claims || jsonb_build_object('app_role', coalesce(r, 'taxpayer'::public.app_role)::text, 'duties', duties, 'halls', halls);
  return jsonb_set(event, '{claims}', claims);
end $$;
comment on function public.custom_access_token_hook is 'Supabase Custom Access Token hook: adds app_role (taxpayer|officer|admin), duties (text[]) and halls (hall ids as text) to the JWT.';

grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
revoke execute on function public.custom_access_token_hook(jsonb) from public, anon, authenticated;
grant select on table public.profiles, public.officer_duties, public.officer_halls to supabase_auth_admin;
create policy "auth admin reads profiles for the access token hook" on public.profiles
  for select to supabase_auth_admin using (true);
create policy "auth admin reads duties for the access token hook" on public.officer_duties
  for select to supabase_auth_admin using (true);
create policy "auth admin reads halls for the access token hook" on public.officer_halls
  for select to supabase_auth_admin using (true);
