// One case as an officer's task page shows it (资料审核 /officer/review/<id>, 后台帮办 /officer/back-office/<id>):
// the form's fields, the slots with their materials and 5-minute preview links, and the 办理记录 — read through the
// officer's own client (RLS: the hall's case officers; storage RLS signs the links). The pages add what their own
// duty needs (the review decision, the back-office result) from the same row.
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { loadEvents } from '$lib/cases/query';
import { loadSlots } from '$lib/forms/load';
import { missingRequired } from '$lib/forms/slots';
import { peopleNames } from './people';
import { REVIEW_PREVIEW_SECONDS } from './review';

type Client = SupabaseClient<Database>;

const CASE = `id, task_no, status, mode, review_status, review_claimed_by, review_claimed_at, review_feedback, reviewed_at,
  reviewed_by, resubmit_deadline, resubmission_count, created_at, hall_id, node_id, form_id, owner_id,
  back_office_due_at, back_office_specified, back_office_officer_id, back_office_taken_at, handler_id,
  outcome, result_note, closed_at,
  hall:service_halls(name),
  node:business_nodes(name, topic:topics(name)),
  form:forms(agent_name, agent_contact, description, region_code, submitted_at, enterprise_id),
  enterprise:enterprises(name, tax_id)`;

const caseQuery = (sb: Client) => sb.from('cases').select(CASE);
export type OfficerCaseRow = QueryData<ReturnType<typeof caseQuery>>[number];

/** What the shared form section shows (CaseFields.svelte). */
export type CaseFieldsView = {
  taxpayer: string;
  enterprise: string | null;
  agentName: string | null;
  agentContact: string | null;
  description: string;
  submittedAt: string;
  resubmissions: number;
};

/** The case row, its slots, missing required items and history; null when the officer cannot see the case. */
export async function loadOfficerCase(sb: Client, caseId: string, extraPeople: (row: OfficerCaseRow) => string[]) {
  const { data: c, error: e } = await caseQuery(sb).eq('id', caseId.toLowerCase()).maybeSingle();
  if (e) throw new Error(`case: ${e.message}`);
  if (!c) return null;
  const [slots, events, people] = await Promise.all([
    loadSlots(sb, c.node_id, c.form_id, REVIEW_PREVIEW_SECONDS),
    loadEvents(sb, c.id),
    peopleNames(sb, [c.owner_id, ...extraPeople(c)]),
  ]);
  const name = (id: string | null) => (id ? (people.get(id) ?? '') : '');
  const fields: CaseFieldsView = {
    taxpayer: name(c.owner_id) || '（未登记姓名）',
    enterprise: c.enterprise ? `${c.enterprise.name}（${c.enterprise.tax_id}）` : null,
    agentName: c.form?.agent_name ?? null,
    agentContact: c.form?.agent_contact ?? null,
    description: c.form?.description ?? '',
    submittedAt: c.form?.submitted_at ?? c.created_at,
    resubmissions: c.resubmission_count,
  };
  return {
    row: c,
    name,
    fields,
    slots,
    missing: missingRequired(slots).map((s) => s.id),
    events,
    /** When the preview links were made and how long they live: the page fetches new ones before they expire. */
    previewsMadeAt: Date.now(),
    previewSeconds: REVIEW_PREVIEW_SECONDS,
  };
}
