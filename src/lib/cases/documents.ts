// 结果文书 of a case (bucket results, rows in public.case_documents), read through the caller's own client: RLS
// and the storage policies let the case's taxpayer side and the hall's case officers read them. The officer's task
// page shows them with short-lived links signed here; the taxpayer downloads each through
// /cases/<id>/documents/<document id>, which signs a fresh link at the moment of the click.
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

type Client = SupabaseClient<Database>;

const selectDocuments = (sb: Client) =>
  sb.from('case_documents').select('id, case_id, object_path, file_name, mime_type, size_bytes, created_at');
export type DocumentRow = QueryData<ReturnType<typeof selectDocuments>>[number];
export type DocumentView = DocumentRow & { url: string | null };

export async function loadDocuments(sb: Client, caseId: string): Promise<DocumentRow[]> {
  const { data, error } = await selectDocuments(sb).eq('case_id', caseId.toLowerCase()).order('created_at');
  if (error) throw new Error(`case_documents: ${error.message}`);
  return data ?? [];
}

/** The documents with download links living `seconds`, signed as the caller (storage RLS applies). */
export async function loadDocumentLinks(sb: Client, caseId: string, seconds: number): Promise<DocumentView[]> {
  const rows = await loadDocuments(sb, caseId);
  if (!rows.length) return [];
  const { data } = await sb.storage.from('results').createSignedUrls(
    rows.map((r) => r.object_path),
    seconds,
  );
  const urls = new Map((data ?? []).filter((s) => s.path && s.signedUrl).map((s) => [s.path, s.signedUrl]));
  return rows.map((r) => ({ ...r, url: urls.get(r.object_path) ?? null }));
}
