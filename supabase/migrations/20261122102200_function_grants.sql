-- Who may call which function. Supabase grants EXECUTE on new public functions to anon and authenticated by
-- default; here nothing is callable by anon, taxpayer/officer RPCs by authenticated (they check the caller
-- themselves), worker and login functions by service_role only. Private helpers: only those the RLS, storage
-- and realtime policies evaluate as the signed-in user.

do $$
declare f record;
begin
  for f in select p.oid::regprocedure as sig from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prokind = 'f' loop
    execute format('revoke execute on function %s from public, anon, authenticated', f.sig);
    execute format('grant execute on function %s to service_role', f.sig);
  end loop;
  for f in select p.oid::regprocedure as sig from pg_proc p where p.pronamespace = 'private'::regnamespace and p.prokind = 'f' loop
    execute format('revoke execute on function %s from public, anon, authenticated', f.sig);
    execute format('grant execute on function %s to service_role', f.sig);
  end loop;
  for f in select p.oid::regprocedure as sig from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
    and p.proname = any (array['save_draft', 'delete_draft', 'copy_form', 'record_attachment', 'remove_attachment',
      'submit_form', 'add_favorite', 'back_office_estimate', 'authorize_back_office', 'book_appointment',
      'cancel_appointment', 'request_instant', 'issue_ticket', 'take_next_review', 'approve_review', 'reject_review',
      'resubmit_case', 'take_next_back_office', 'take_back_office', 'complete_case', 'cancel_case', 'call_next',
      'call_ticket', 'recall_ticket', 'accept_call', 'abandon_ticket', 'reactivate_ticket', 'create_authorization_code',
      'approve_instant', 'bind_ticket', 'send_message', 'mark_read', 'unread_counts', 'start_guidance',
      'take_next_guidance', 'close_guidance', 'start_video', 'answer_video', 'end_video', 'mark_notices_read',
      'request_payment', 'submit_payment_receipts', 'decide_payment', 'is_working_day', 'add_working_days'])
  loop
    execute format('grant execute on function %s to authenticated', f.sig);
  end loop;
  for f in select p.oid::regprocedure as sig from pg_proc p where p.pronamespace = 'private'::regnamespace and p.prokind = 'f'
    and p.proname = any (array['app_role', 'is_officer', 'has_duty', 'in_hall', 'officer_of', 'is_service', 'try_uuid',
      'is_enterprise_member', 'is_party', 'is_case_officer', 'can_see_case', 'can_see_form', 'form_editable',
      'is_room_member', 'officer_can_see_profile', 'is_ticket_binder', 'is_ticket_officer', 'can_use_topic', 'folder', 'can_upload_attachment', 'can_upload_receipt'])
  loop
    execute format('grant execute on function %s to authenticated', f.sig);
  end loop;
end $$;

revoke execute on function public.custom_access_token_hook(jsonb) from service_role;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
-- The hook and policy helpers it does not need: supabase_auth_admin only reads tables.
alter default privileges in schema private revoke execute on functions from public;
