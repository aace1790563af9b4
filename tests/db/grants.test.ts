// What the API roles may touch in the database, pinned. Since 2026 a Supabase project grants nothing in public to
// anon, authenticated and service_role by default, so the migrations carry every grant the app needs: these tests
// list every grant on public's tables, columns and functions (and the private helpers the policies call) and
// compare them with the intended matrix below. A grant added or lost fails here until the matrix says so.
import { describe, expect, it } from 'vitest';
import { adminDb } from '../support/supabase';

type Role = 'anon' | 'authenticated' | 'service_role' | 'supabase_auth_admin';
const ROLES: Role[] = ['anon', 'authenticated', 'service_role', 'supabase_auth_admin'];

// ── Tables: who reads and writes which table directly (Data API or SQL as that role). RLS decides the rows. ──
// Everything else is written by the security-definer RPCs, which need no table grant.
const CATALOG = [
  'regions',
  'service_halls',
  'business_categories',
  'business_subcategories',
  'topics',
  'guidance_questions',
  'guidance_answers',
  'business_nodes',
  'form_templates',
  'materials',
  'node_requirements',
  'node_paths',
];
const TABLES: Record<string, Partial<Record<Role, string>>> = {
  ...Object.fromEntries(CATALOG.map((t) => [t, { authenticated: 'select' }])),
  // The app server reads a form's node, topic and required forms/materials (QR upload page).
  business_nodes: { authenticated: 'select', service_role: 'select' },
  topics: { authenticated: 'select', service_role: 'select' },
  // The dev ticket machine lists halls as the server.
  service_halls: { authenticated: 'select', service_role: 'select' },
  node_requirements: { authenticated: 'select', service_role: 'select' },
  form_templates: { authenticated: 'select', service_role: 'select' },
  materials: { authenticated: 'select', service_role: 'select' },
  working_calendar: { authenticated: 'select' },
  settings: { authenticated: 'select', service_role: 'select' },
  // People. The registry and the whitelist: the server only. The access token hook reads roles, duties and halls.
  real_name_registry: { service_role: 'select' },
  social_security_whitelist: { service_role: 'select' },
  profiles: { authenticated: 'select', supabase_auth_admin: 'select' },
  officer_duties: { authenticated: 'select', supabase_auth_admin: 'select' },
  officer_halls: { authenticated: 'select', supabase_auth_admin: 'select' },
  enterprises: { authenticated: 'select' },
  enterprise_members: { authenticated: 'select', service_role: 'select' },
  // Forms and cases (the server reads forms, files and cases for its upload checks).
  forms: { authenticated: 'select', service_role: 'select' },
  attachments: { authenticated: 'select', service_role: 'select' },
  favorites: { authenticated: 'select, delete' },
  cases: { authenticated: 'select', service_role: 'select' },
  case_events: { authenticated: 'select' },
  case_documents: { authenticated: 'select', service_role: 'select' },
  // Scheduling, queue, interaction, payments, notices: read under RLS, written by RPCs.
  slot_templates: { authenticated: 'select' },
  slots: { authenticated: 'select' },
  appointments: { authenticated: 'select' },
  tickets: { authenticated: 'select' },
  ticket_bindings: { authenticated: 'select' },
  sms_preferences: { authenticated: 'select' },
  authorization_codes: { authenticated: 'select' },
  guidance_sessions: { authenticated: 'select' },
  instant_requests: { authenticated: 'select' },
  conversations: { authenticated: 'select' },
  messages: { authenticated: 'select' },
  conversation_reads: { authenticated: 'select' },
  video_sessions: { authenticated: 'select' },
  video_guests: { authenticated: 'select' },
  payments: { authenticated: 'select' },
  payment_receipts: { authenticated: 'select' },
  notices: { authenticated: 'select' },
  // 常用语: officers read them (RLS: their halls' and the global ones); admins edit them in Studio.
  canned_replies: { authenticated: 'select' },
};
// Column grants, where a role may write only some columns.
const COLUMNS: Record<string, Partial<Record<Role, Record<string, string[]>>>> = {
  favorites: { authenticated: { insert: ['user_id', 'node_id', 'kind', 'region_code'] } },
};

// ── Functions in public (RPCs). anon calls nothing. ──
const SIGNED_IN_RPCS = [
  'save_draft',
  'delete_draft',
  'copy_form',
  'remove_attachment',
  'submit_form',
  'add_favorite',
  'back_office_estimate',
  'authorize_back_office',
  'cancel_appointment',
  'request_instant',
  'issue_ticket',
  'join_video',
  'video_guest_candidates',
  'invite_video_guest',
  'answer_video_guest',
  'take_next_review',
  'take_review',
  'approve_review',
  'reject_review',
  'resubmit_case',
  'take_next_back_office',
  'take_back_office',
  'complete_case',
  'record_result_document',
  'remove_result_document',
  'cancel_case',
  'call_next',
  'call_ticket',
  'recall_ticket',
  'finish_hall_ticket',
  'accept_call',
  'abandon_ticket',
  'reactivate_ticket',
  'create_authorization_code',
  'revoke_authorization_code',
  'authorization_codes_today',
  'approve_instant',
  'ask_instant_approval',
  'decline_instant',
  'guidance_instant_request',
  'bind_ticket',
  'unbind_ticket',
  'my_tickets',
  'send_message',
  'mark_read',
  'unread_counts',
  'room_senders',
  'set_near_turn_sms',
  'start_guidance',
  'take_next_guidance',
  'close_guidance',
  'guidance_queue',
  'start_video',
  'answer_video',
  'end_video',
  'mark_notices_read',
  'request_payment',
  'submit_payment_receipts',
  'decide_payment',
  'queue_board',
  'officer_dashboard',
  'officer_room_unread',
  'set_officer_status',
  'my_officer_status',
  'officer_heartbeat',
  'is_working_day',
  'add_working_days',
];
// The app server and the workers only (they act for someone the server checked, or for nobody).
const SERVER_RPCS = [
  'record_video_webhook',
  'book_appointment',
  'record_attachment',
  'grant_upload',
  'consume_captcha',
  'login_lookup',
  'link_profile',
  'login_guard',
  'issue_hall_ticket',
  'expire_resubmission',
  'open_ticket_window',
  'expire_ticket_window',
  'expire_reactivation',
  'remind_appointment',
  'mark_back_office_due',
  'generate_slots',
  'cleanup_authorization_codes',
  'close_idle_guidance',
  'due_work',
  'pending_sms',
  'mark_sms',
  'take_sms',
  'release_stale_claims',
  'orphaned_uploads',
];
const FUNCTIONS: Record<string, Partial<Record<Role, string>>> = {
  ...Object.fromEntries(SIGNED_IN_RPCS.map((f) => [f, { authenticated: 'execute', service_role: 'execute' }])),
  ...Object.fromEntries(SERVER_RPCS.map((f) => [f, { service_role: 'execute' }])),
  custom_access_token_hook: { supabase_auth_admin: 'execute' },
  // Computed fields of forms (read like columns): the server also reads `editable` as the service role.
  editable: { authenticated: 'execute', service_role: 'execute' },
  is_party: { authenticated: 'execute' },
  // The hall display (叫号屏) reads the board without signing in: ticket numbers only.
  hall_board: { anon: 'execute', authenticated: 'execute', service_role: 'execute' },
};

// ── Private helpers the row-level, storage and realtime policies evaluate as the signed-in caller. ──
const POLICY_HELPERS = [
  'app_role',
  'is_officer',
  'has_duty',
  'in_hall',
  'officer_of',
  'is_service',
  'try_uuid',
  'is_enterprise_member',
  'is_party',
  'is_case_officer',
  'can_see_case',
  'my_enterprise_ids',
  'duty_halls',
  'can_see_form',
  'form_editable',
  'is_room_member',
  'is_room_participant',
  'officer_can_see_profile',
  'is_ticket_binder',
  'is_ticket_officer',
  'can_use_topic',
  'folder',
  'can_upload_attachment',
  'can_upload_receipt',
  'is_case_handler',
  'is_verified',
  'is_verified_user',
];

const API = `('anon', 'authenticated', 'service_role', 'supabase_auth_admin')`;
const grantee = `case when a.grantee = 0 then 'public' else g.rolname end`;

async function actualGrants(): Promise<string[]> {
  const { rows } = await adminDb().query(`
    select 'table ' || c.relname || ' ' || ${grantee} || ' ' || lower(a.privilege_type) as line
    from pg_class c cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
    left join pg_roles g on g.oid = a.grantee
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
      and (a.grantee = 0 or g.rolname in ${API})
    union all
    select 'column ' || c.relname || '.' || t.attname || ' ' || ${grantee} || ' ' || lower(a.privilege_type)
    from pg_attribute t join pg_class c on c.oid = t.attrelid cross join lateral aclexplode(t.attacl) a
    left join pg_roles g on g.oid = a.grantee
    where c.relnamespace = 'public'::regnamespace and t.attnum > 0 and not t.attisdropped
      and (a.grantee = 0 or g.rolname in ${API})
    union all
    select distinct 'function ' || p.proname || ' ' || ${grantee} || ' ' || lower(a.privilege_type)
    from pg_proc p cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
    left join pg_roles g on g.oid = a.grantee
    where p.pronamespace = 'public'::regnamespace and (a.grantee = 0 or g.rolname in ${API})`);
  return rows.map((r) => r.line as string).sort();
}

function intendedGrants(): string[] {
  const out: string[] = [];
  for (const [kind, matrix] of [
    ['table', TABLES],
    ['function', FUNCTIONS],
  ] as const) {
    for (const [name, byRole] of Object.entries(matrix)) {
      for (const role of ROLES) {
        for (const priv of (byRole[role] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean))
          out.push(`${kind} ${name} ${role} ${priv}`);
      }
    }
  }
  for (const [table, byRole] of Object.entries(COLUMNS)) {
    for (const [role, privs] of Object.entries(byRole)) {
      for (const [priv, cols] of Object.entries(privs!))
        for (const col of cols) out.push(`column ${table}.${col} ${role} ${priv}`);
    }
  }
  return out.sort();
}

describe('grants on public', () => {
  it('are exactly the intended matrix (tables, columns, functions)', async () => {
    expect(await actualGrants()).toEqual(intendedGrants());
  });

  it('the matrix names every table and function of public (a new one must be placed in it)', async () => {
    const tables = (
      await adminDb().query(
        `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p', 'v', 'm', 'f') order by 1`,
      )
    ).rows.map((r) => r.relname);
    expect(tables).toEqual(Object.keys(TABLES).sort());
    const fns = (
      await adminDb().query(
        `select distinct proname from pg_proc where pronamespace = 'public'::regnamespace order by 1`,
      )
    ).rows.map((r) => r.proname);
    expect(fns).toEqual(Object.keys(FUNCTIONS).sort());
  });
});

describe('grants on private', () => {
  it('no API role has any right on a private table or sequence', async () => {
    const { rows } = await adminDb().query(`
      select c.relname, g.rolname, a.privilege_type from pg_class c cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
      left join pg_roles g on g.oid = a.grantee
      where c.relnamespace = 'private'::regnamespace and (a.grantee = 0 or g.rolname in ${API})`);
    expect(rows).toEqual([]);
  });

  it('the signed-in caller executes only the helpers its policies evaluate; anon only the topic check; PUBLIC nothing', async () => {
    const { rows } = await adminDb().query(`
      select distinct p.proname, ${grantee} as who from pg_proc p
      cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a left join pg_roles g on g.oid = a.grantee
      where p.pronamespace = 'private'::regnamespace and (a.grantee = 0 or g.rolname in ('anon', 'authenticated'))
      order by 1, 2`);
    // anon: the realtime policy of the hall display (queue:<hall>, read only) calls can_use_topic.
    const expected = [
      ...POLICY_HELPERS.map((proname) => ({ proname, who: 'authenticated' })),
      { proname: 'can_use_topic', who: 'anon' },
    ].sort((a, b) => a.proname.localeCompare(b.proname) || a.who.localeCompare(b.who));
    expect(rows).toEqual(expected);
  });
});

describe('defaults, as on a current Supabase project', () => {
  it('a table, sequence or function made without grants is closed to the API roles', async () => {
    const c = await adminDb().connect();
    try {
      await c.query('begin');
      await c.query('set local role postgres');
      await c.query(`create table public.grants_probe (id int primary key);
        create sequence public.grants_probe_seq;
        create function public.grants_probe_fn() returns int language sql as 'select 1';
        create function private.grants_probe_fn() returns int language sql as 'select 1';`);
      const { rows } = await c.query(`select r,
          has_table_privilege(r, 'public.grants_probe', 'select, insert, update, delete, truncate, references, trigger') as tbl,
          has_sequence_privilege(r, 'public.grants_probe_seq', 'usage, select, update') as seq,
          has_function_privilege(r, 'public.grants_probe_fn()', 'execute') as fn,
          has_function_privilege(r, 'private.grants_probe_fn()', 'execute') as private_fn
        from unnest(array['anon', 'authenticated', 'service_role']) r order by r`);
      expect(rows).toEqual(
        ['anon', 'authenticated', 'service_role'].map((r) => ({
          r,
          tbl: false,
          seq: false,
          fn: false,
          private_fn: false,
        })),
      );
    } finally {
      await c.query('rollback').catch(() => {});
      c.release();
    }
  });
});
