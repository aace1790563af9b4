// Reading a form with everything its page shows, through the caller's own client (RLS: the taxpayer side of the
// form, or officers of its case's hall): the node and topic, region path, hall choices, the slots with their files
// and short-lived preview links, and the case once submitted. Throws on database errors (the page shows 500).
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { loadRegionChain } from '$lib/guide/catalog';
import { deriveSlots, type Slot } from './slots';

type Client = SupabaseClient<Database>;

/** How long preview links live; a refetch makes new ones. */
export const PREVIEW_SECONDS = 10 * 60;

export type SlotView = Slot & { files: (AttachmentRow & { previewUrl: string | null })[] };

function must<T>(res: { data: T | null; error: { message: string } | null }, what: string): T | null {
  if (res.error) throw new Error(`${what}: ${res.error.message}`);
  return res.data;
}

/**
 * A form's own columns (enterprise_id: the enterprise it is for, or null for personal business) and the computed
 * field forms.editable: the database's rule (a draft, or its open case waits for resubmission, 审核不通过).
 */
export const selectForm = (sb: Client) =>
  sb
    .from('forms')
    .select(
      'id, owner_id, enterprise_id, node_id, region_code, hall_id, agent_name, agent_contact, description, status, copied_from, created_at, updated_at, submitted_at, editable',
    );
export type FormRow = QueryData<ReturnType<typeof selectForm>>[number];

/** A node's requirements with their form template or material (one of the two is set). */
export const selectRequirements = (sb: Client) =>
  sb
    .from('node_requirements')
    .select('id, kind, required, note, sort, form:form_templates(code, name), material:materials(name, description)');
export type RequirementRow = QueryData<ReturnType<typeof selectRequirements>>[number];

const selectAttachments = (sb: Client) =>
  sb.from('attachments').select('id, requirement_id, object_path, file_name, mime_type, size_bytes, created_at');
export type AttachmentRow = QueryData<ReturnType<typeof selectAttachments>>[number];

const selectHalls = (sb: Client) => sb.from('service_halls').select('id, name, region_code');
export type Hall = QueryData<ReturnType<typeof selectHalls>>[number];

export async function loadRequirementRows(sb: Client, nodeId: string): Promise<RequirementRow[]> {
  return must(await selectRequirements(sb).eq('node_id', nodeId).order('sort'), 'node_requirements') ?? [];
}

export async function loadAttachmentRows(sb: Client, formId: string): Promise<AttachmentRow[]> {
  return must(await selectAttachments(sb).eq('form_id', formId).order('created_at'), 'attachments') ?? [];
}

/** Slots of a form with preview links (signed as the caller, so storage RLS applies), living `seconds`. */
export async function loadSlots(
  sb: Client,
  nodeId: string,
  formId: string,
  seconds = PREVIEW_SECONDS,
): Promise<SlotView[]> {
  const [reqs, atts] = await Promise.all([loadRequirementRows(sb, nodeId), loadAttachmentRows(sb, formId)]);
  const urls = new Map<string, string>();
  if (atts.length) {
    const { data } = await sb.storage
      .from('attachments')
      .createSignedUrls([...new Set(atts.map((a) => a.object_path))], seconds);
    for (const s of data ?? []) if (s.path && s.signedUrl) urls.set(s.path, s.signedUrl);
  }
  return deriveSlots(reqs, atts).map((s) => ({
    ...s,
    files: s.files.map((f) => ({ ...f, previewUrl: urls.get(f.object_path) ?? null })),
  }));
}

/** Active halls of a region and the regions directly under it (a city's districts); all halls without one. */
export async function loadHalls(sb: Client, regionCode: string | null): Promise<Hall[]> {
  let codes: string[] | null = null;
  if (regionCode) {
    const children =
      must(await sb.from('regions').select('code').eq('parent_code', regionCode).eq('active', true), 'regions') ?? [];
    codes = [regionCode, ...children.map((c) => c.code)];
  }
  let q = selectHalls(sb).eq('active', true);
  if (codes) q = q.in('region_code', codes);
  return must(await q.order('sort').order('name'), 'service_halls') ?? [];
}

export async function loadRegionPath(sb: Client, code: string | null): Promise<{ code: string; name: string }[]> {
  if (!code) return [];
  return ((await loadRegionChain(sb, code)) ?? []).map((r) => ({ code: r.code, name: r.name }));
}
