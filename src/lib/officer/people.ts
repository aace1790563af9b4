// Names of the people an officer's page mentions (taxpayers, colleagues holding a task), read through the officer's
// own client: RLS lets an officer see the profiles of their halls' cases and colleagues, and nobody else's.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

/** id → full name for the given ids (duplicates and nulls skipped); unknown or unreadable ids are simply absent. */
export async function peopleNames(
  sb: SupabaseClient<Database>,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  if (!wanted.length) return names;
  const { data, error } = await sb.from('profiles').select('id, full_name').in('id', wanted);
  if (error) throw new Error(`profiles: ${error.message}`);
  for (const p of data ?? []) names.set(p.id, p.full_name);
  return names;
}
