// The taxpayer shell's data: who is signed in (masked), the identity acted for (个人 / 企业, T1.3, chosen on
// /identity) and the unread notice count slot (T11). Signed-out visitors never get here (hooks.server.ts).
import { maskName, maskPhone } from '$lib/guide/labels';
import { readActingEnterprise } from '$lib/server/login/identity';
import { signedInUser } from '$lib/server/access';
import { profileWithUnread } from '$lib/components/notices/notices';
import type { LayoutServerLoad } from './$types';

export type ShellIdentity = {
  /** personal (个人) or enterprise (企业, acting for an enterprise the person is registered for). */
  kind: 'personal' | 'enterprise';
  /** Masked name, e.g. 张*; empty when the profile has none. */
  name: string;
  /** Masked phone, e.g. 138****1234. */
  phone: string;
  /** Enterprise name when acting for one. */
  enterprise: string | null;
};

export const load: LayoutServerLoad = async ({ locals, cookies }) => {
  const user = signedInUser(locals);
  // A missing profile is no reason to fail the page: the phone from Auth is enough to show.
  const [profile, acting] = await Promise.all([
    profileWithUnread(locals.supabase, user.id).catch(() => null),
    readActingEnterprise(locals, cookies).catch(() => null),
  ]);
  const identity: ShellIdentity = {
    kind: acting ? 'enterprise' : 'personal',
    name: maskName(profile?.fullName),
    phone: maskPhone(profile?.phone ?? user.phone),
    enterprise: acting?.name ?? null,
  };
  return {
    identity,
    /** Unread notices (T11) when the page was loaded; the bell keeps it live. null hides the badge. */
    unreadNotices: profile?.unreadNotices ?? null,
  };
};
