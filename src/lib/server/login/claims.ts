// The app_role claim of a session's access token (put there by the custom access token hook). Only read from a
// session the hooks already validated with Auth, so the signature needs no second check here.
import type { Session } from '@supabase/supabase-js';

export type AppClaims = { appRole: string | null; duties: string[]; halls: string[] };

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** app_role, duties and halls of the token (empty when absent or unreadable). */
export function claimsOf(session: Pick<Session, 'access_token'> | null | undefined): AppClaims {
  const part = session?.access_token?.split('.')[1];
  if (!part) return { appRole: null, duties: [], halls: [] };
  try {
    const c = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as {
      app_role?: unknown;
      duties?: unknown;
      halls?: unknown;
    };
    return {
      appRole: typeof c.app_role === 'string' ? c.app_role : null,
      duties: strings(c.duties),
      halls: strings(c.halls),
    };
  } catch {
    return { appRole: null, duties: [], halls: [] };
  }
}

export const appRoleOf = (session: Pick<Session, 'access_token'> | null | undefined): string | null =>
  claimsOf(session).appRole;
