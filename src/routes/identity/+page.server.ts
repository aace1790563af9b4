// 选择登录身份 (T1.3): after the login, a person registered for enterprises chooses 个人身份 or 企业身份 (one
// enterprise, by name and 纳税人识别号); also reachable later to switch. The choice is checked against
// enterprise_members through RLS before it is kept.
import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { signedInUser } from '$lib/server/access';
import { safeNext } from '$lib/login/messages';
import { identitySchema } from '$lib/login/schemas';
import { listEnterprises, readActingEnterprise, RELATION_LABEL, setActingEnterprise } from '$lib/server/login/identity';
import { refuse, zod } from '$lib/server/validate';
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
    const form = await superValidate(request, zod(identitySchema));
    if (!form.valid) return fail(400, { form });
    const next = safeNext(form.data.next) ?? '/home';
    if (form.data.kind === 'enterprise') {
      const id = form.data.enterpriseId;
      const mine = (await listEnterprises(locals)).some((e) => e.id === id);
      if (!mine) return refuse(403, { form }, '您未登记为该企业的办税人员，不能以该企业身份办理业务', 'enterpriseId');
      setActingEnterprise(cookies, url, user.id, id);
    } else {
      setActingEnterprise(cookies, url, user.id, null);
    }
    redirect(303, next);
  },
};
