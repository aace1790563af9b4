// The identity a signed-in person acts as (T1.3): 个人身份, or 企业身份 for one enterprise they are registered for.
// Kept in an httpOnly cookie bound to the user id and checked against enterprise_members (RLS) on every read,
// so a stale or forged cookie simply falls back to the personal identity.
// (When the database gets profiles.acting_enterprise_id and the access-token claim, only this module changes.)
import type { Cookies } from '@sveltejs/kit';

export const IDENTITY_COOKIE = 'vtax_identity';

export type EnterpriseChoice = { id: string; name: string; taxId: string; relation: string };

export const RELATION_LABEL: Record<string, string> = {
  legal_rep: '法定代表人',
  financial_officer: '财务负责人',
  tax_agent: '办税员',
  staff: '其他办税人员',
};

type Locals = Pick<App.Locals, 'supabase' | 'user'>;

/** The enterprises the signed-in person may act for, by name. */
export async function listEnterprises(locals: Locals): Promise<EnterpriseChoice[]> {
  if (!locals.user) return [];
  const { data, error } = await locals.supabase
    .from('enterprise_members')
    .select('relation, enterprises(id, name, tax_id)')
    .eq('user_id', locals.user.id);
  if (error || !data) return [];
  return data
    .flatMap((m) => {
      const e = (Array.isArray(m.enterprises) ? m.enterprises[0] : m.enterprises) as {
        id: string;
        name: string;
        tax_id: string;
      } | null;
      return e ? [{ id: e.id, name: e.name, taxId: e.tax_id, relation: String(m.relation) }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The enterprise the person acts for now, or null for 个人身份. */
export async function readActingEnterprise(locals: Locals, cookies: Cookies): Promise<EnterpriseChoice | null> {
  const raw = cookies.get(IDENTITY_COOKIE);
  if (!raw || !locals.user) return null;
  const [uid, enterpriseId] = raw.split(':');
  if (uid !== locals.user.id || !enterpriseId) return null;
  return (await listEnterprises(locals)).find((e) => e.id === enterpriseId) ?? null;
}

export function setActingEnterprise(cookies: Cookies, url: URL, userId: string, enterpriseId: string | null): void {
  if (!enterpriseId) return clearActingEnterprise(cookies, url);
  cookies.set(IDENTITY_COOKIE, `${userId}:${enterpriseId}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

export function clearActingEnterprise(cookies: Cookies, url: URL): void {
  cookies.delete(IDENTITY_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}
