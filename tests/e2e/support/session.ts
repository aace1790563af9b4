// The one way a test signs a person in: the app's own login (SPEC T1) driven over HTTP in the browser context's
// request client, which shares its cookie jar with the context's pages — certificate → 获取验证码 (the real
// registry check and the real SMS hook) → the code from the dev inbox → 登录 (verify, link_profile) → for
// enterprise agents the identity choice. The pages then open signed in. The login page itself is tested by
// clicking in login.spec.ts.
import { expect, type BrowserContext } from '@playwright/test';
import { E2E } from '../../../playwright.config';
import type { Who } from './people';
import { codeSentAfter, lastSmsAt } from './sms';

/** Posts a SvelteKit form action the way the page's plain <form> does (same origin, url-encoded, no redirects). */
async function postAction(context: BrowserContext, path: string, form: Record<string, string>) {
  const res = await context.request.post(path, {
    form,
    headers: { origin: E2E.baseURL, accept: 'text/html' },
    maxRedirects: 0,
  });
  expect(res.status(), `${path} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`).toBeLessThan(400);
  return res;
}

export type SignInOptions = {
  /** For enterprise agents: 'personal' (default) or the id of the enterprise to act for (企业身份). */
  enterpriseId?: string;
};

/** Signs `who` in in `context`; the session cookies the app's login sets land in the context. */
export async function signIn(context: BrowserContext, who: Who, opts: SignInOptions = {}): Promise<void> {
  const since = await lastSmsAt(context.request, who.phone);
  await postAction(context, '/login?/send', {
    certType: who.certType,
    certNo: who.certNo,
    idCardNo: who.idCardNo ?? '',
    phone: who.certType === 'social_security' ? who.phone : '',
    next: '',
  });
  const code = await codeSentAfter(context.request, who.phone, since);
  const verified = await postAction(context, '/login?/verify', { code });
  const to = verified.headers()['location'] ?? '';
  if (to.startsWith('/identity')) {
    await postAction(
      context,
      '/identity',
      opts.enterpriseId ? { kind: 'enterprise', enterpriseId: opts.enterpriseId } : { kind: 'personal' },
    );
  }
  const cookies = await context.cookies(E2E.baseURL);
  expect(
    cookies.some((c) => c.name.startsWith('sb-')),
    'a Supabase session cookie after 登录',
  ).toBe(true);
}
