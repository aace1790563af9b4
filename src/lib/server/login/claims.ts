// The app_role claim of a session's access token (put there by the custom access token hook). Only read from a
// session the hooks already validated with Auth, so the signature needs no second check here.
import type { Session } from '@supabase/supabase-js';

export function appRoleOf(session: Pick<Session, 'access_token'> | null | undefined): string | null {
  const part = session?.access_token?.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { app_role?: unknown };
    return typeof claims.app_role === 'string' ? claims.app_role : null;
  } catch {
    return null;
  }
}
