// The officer area is for officers: anyone else signed in gets 403 in Chinese, on the app's own error page. The
// session itself is checked by the guard in hooks.server.ts; what an officer may read and do, the database
// decides from the token's role and duties. (A check in a hook could only answer with the bare error.html.)
// For every officer page: who is signed in (name, duties and halls from the access token's claims), the hall
// being worked in (?hall=, one of the officer's own; the first by name otherwise), the menu (duties held, pages
// built) and the officer's availability for the hall's presence.
import { error } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/access';
import { claimsOf } from '$lib/server/login/claims';
import { dutyFor, navFor, routeOf, DUTY_LABEL, isDuty, type Duty } from '$lib/officer/nav';
import type { OfficerStatus } from '$lib/officer/presence';
import type { LayoutServerLoad } from './$types';

/** The officer pages that exist, from the route files themselves (never called: only the names are used). */
const officerPages = Object.keys(import.meta.glob('/src/routes/officer/**/+page.svelte')).map(routeOf);

export const load: LayoutServerLoad = async ({ locals, url }) => {
  const claims = claimsOf(locals.session);
  if (claims.appRole !== 'officer') error(403, '仅税务人员可以访问税务人员工作台');
  // A duty's pages are for officers holding it (one check here, from the menu's list, instead of one per page;
  // the database refuses the reads and the actions as well).
  const needed = dutyFor(url.pathname);
  if (needed && !claims.duties.includes(needed)) {
    error(403, `您没有${DUTY_LABEL[needed]}职责，不能进入${DUTY_LABEL[needed]}`);
  }
  const user = signedInUser(locals);
  const [{ data: profile }, { data: halls }, { data: status }] = await Promise.all([
    locals.supabase.from('profiles').select('full_name').eq('id', user.id).maybeSingle(),
    claims.halls.length
      ? locals.supabase.from('service_halls').select('id, name').in('id', claims.halls).order('name')
      : Promise.resolve({ data: [] as { id: string; name: string }[] }),
    locals.supabase.rpc('my_officer_status'),
  ]);
  const myHalls = halls ?? [];
  const asked = url.searchParams.get('hall')?.toLowerCase();
  const hall = myHalls.find((h) => h.id === asked) ?? myHalls[0] ?? null;
  const duties = claims.duties.filter(isDuty) as Duty[];
  return {
    officer: {
      id: user.id,
      name: profile?.full_name ?? '',
      duties,
      dutyLabels: duties.map((d) => DUTY_LABEL[d]),
      halls: myHalls,
      /** Halls in the token that could not be read by name (e.g. closed since). */
      otherHalls: Math.max(0, claims.halls.length - myHalls.length),
      status: (status ?? 'online') as OfficerStatus,
    },
    hall,
    nav: navFor(duties, officerPages),
  };
};
