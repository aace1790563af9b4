// 选择登录身份 (T1.3): after the login, a person registered for enterprises chooses 个人身份 or 企业身份 (one
// enterprise, by name and 纳税人识别号); also reachable later to switch. The choice is checked against
// enterprise_members through RLS before it is kept.
import { fail, redirect } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/access';
import { safeNext } from '$lib/login/messages';
import { fieldErrors, formStrings, identitySchema } from '$lib/login/schemas';
import { listEnterprises, readActingEnterprise, RELATION_LABEL, setActingEnterprise } from '$lib/server/login/identity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies, url }) => {
  const [enterprises, acting] = await Promise.all([listEnterprises(locals), readActingEnterprise(locals, cookies)]);
  return {
    next: safeNext(url.searchParams.get('next')) ?? '/home',
    enterprises: enterprises.map((e) => ({ ...e, relationLabel: RELATION_LABEL[e.relation] ?? e.relation })),
    actingId: acting?.id ?? null,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const user = signedInUser(locals);
    const raw = formStrings(await request.formData(), ['kind', 'enterpriseId', 'next']);
    const next = safeNext(raw.next) ?? '/home';
    const values = { kind: raw.kind, enterpriseId: raw.enterpriseId };
    const parsed = identitySchema.safeParse(raw);
    if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
    if (parsed.data.kind === 'enterprise') {
      const id = parsed.data.enterpriseId;
      const mine = (await listEnterprises(locals)).some((e) => e.id === id);
      if (!mine) return fail(403, { errors: { enterpriseId: '您未登记为该企业的办税人员，不能以该企业身份办理业务' }, values });
      setActingEnterprise(cookies, url, user.id, id);
    } else {
      setActingEnterprise(cookies, url, user.id, null);
    }
    redirect(303, next);
  },
};
