// 税务人员 landing (/officer), where the officer login ends: who is signed in, with which duties and halls (from the
// access token's claims), until the officer workspace comes. Only officers get here (./+layout.server.ts).
import { signedInUser } from '$lib/server/access';
import { claimsOf } from '$lib/server/login/claims';
import type { PageServerLoad } from './$types';

const DUTY_LABEL: Record<string, string> = {
  reviewer: '资料审核',
  back_office: '后台帮办',
  online: '在线帮办',
  guidance: '人工导税',
  onsite: '现场导税',
};

export const load: PageServerLoad = async ({ locals }) => {
  const user = signedInUser(locals);
  const claims = claimsOf(locals.session);
  const [{ data: profile }, { data: halls }] = await Promise.all([
    locals.supabase.from('profiles').select('full_name').eq('id', user.id).maybeSingle(),
    claims.halls.length
      ? locals.supabase.from('service_halls').select('id, name').in('id', claims.halls).order('name')
      : Promise.resolve({ data: [] as { id: string; name: string }[] }),
  ]);
  return {
    name: profile?.full_name ?? '',
    duties: claims.duties.map((d) => DUTY_LABEL[d] ?? d),
    halls: (halls ?? []).map((h) => h.name),
    /** Halls in the token that could not be read by name (e.g. closed since). */
    otherHalls: Math.max(0, claims.halls.length - (halls?.length ?? 0)),
    /** 现场导税: the 授权码 page (/officer/codes). */
    onsite: claims.duties.includes('onsite'),
  };
};
