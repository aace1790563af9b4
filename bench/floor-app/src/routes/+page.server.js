// The floor of the SSR bench: one supabase-js select as the signed-in user, through @supabase/ssr's server client
// on the request's session cookies (as the app's hooks make it, without the app's Auth check, layouts and pages).
import { createServerClient } from '@supabase/ssr';

/** @type {import('@sveltejs/kit').Load} */
export async function load({ cookies }) {
  const supabase = createServerClient(
    /** @type {string} */ (process.env.PUBLIC_SUPABASE_URL),
    /** @type {string} */ (process.env.PUBLIC_SUPABASE_ANON_KEY),
    { cookies: { getAll: () => cookies.getAll(), setAll: () => {} } },
  );
  const { data, error } = await supabase
    .from('cases')
    .select('id, task_no, status')
    .order('created_at', { ascending: false })
    .limit(50);
  if (error) throw new Error(error.message);
  return { cases: data };
}
