// The phone (QR) upload grant on the server: sealing needs a secret (serverEnv.VTAX_UPLOAD_TOKEN_SECRET), and
// checking it needs the database: the slot must still
// belong to an editable form, and a grant is used once a file uploaded with its nonce is stored in the slot.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { openGrant, phoneFileStem, QR_REFUSAL, type QrGrant } from '$lib/forms/qr';
import { selectRequirements } from '$lib/forms/load';
import { slotTitle } from '$lib/forms/slots';
import { serverEnv } from '$lib/server/env';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import { BUCKET, UploadRefused } from './objects';

export interface GrantContext {
  grant: QrGrant;
  ownerId: string;
  nodeName: string;
  topicName: string | null;
  slotLabel: string;
  required: boolean;
  note: string | null;
}

type Client = SupabaseClient<Database>;

async function isUsed(admin: Client, g: QrGrant): Promise<boolean> {
  const { data, error } = await admin.storage
    .from(BUCKET)
    .list(`${g.formId}/${g.requirementId}`, { search: phoneFileStem(g.nonce), limit: 5 });
  if (error) throw new Error(`storage list: ${error.message}`);
  return (data ?? []).some((o) => o.name.startsWith(phoneFileStem(g.nonce)));
}

/**
 * Opens and checks a phone token against the database. Throws UploadRefused with the taxpayer-facing message:
 * 400 forged, 410 expired, 409 used or the form can no longer change.
 * @param allowUsed true for the "after upload" view, which may show the success state
 */
export async function checkGrant(
  token: string,
  opts: { allowUsed?: boolean } = {},
): Promise<GrantContext & { used: boolean; open: boolean }> {
  const opened = await openGrant(token, serverEnv.VTAX_UPLOAD_TOKEN_SECRET);
  if (!opened.ok) throw new UploadRefused(QR_REFUSAL[opened.reason], opened.reason === 'expired' ? 410 : 400);
  const g = opened.grant;
  const admin = supabaseAdmin();
  const { data: form, error } = await admin
    .from('forms')
    .select('id, owner_id, editable, node:business_nodes(name, topic:topics(name))')
    .eq('id', g.formId)
    .maybeSingle();
  if (error) throw new Error(`forms: ${error.message}`);
  if (!form) throw new UploadRefused(QR_REFUSAL.forged, 400);
  const { data: req } = await selectRequirements(admin).eq('id', g.requirementId).maybeSingle();
  if (!req) throw new UploadRefused(QR_REFUSAL.forged, 400);
  const open = !!form.editable; // forms.editable: the database's rule, as for the storage policies
  const used = await isUsed(admin, g);
  if (used && !opts.allowUsed) throw new UploadRefused(QR_REFUSAL.used, 409);
  if (!open && !used) throw new UploadRefused(QR_REFUSAL.closed, 409);
  return {
    grant: g,
    ownerId: form.owner_id,
    nodeName: form.node.name,
    topicName: form.node.topic.name,
    slotLabel: slotTitle(req).label,
    required: req.required,
    note: req.note,
    used,
    open,
  };
}
