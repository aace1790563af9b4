// The real-name registry and the social-security whitelist, asked through the service-role RPC
// public.login_lookup before any code is sent. The registered phone stays on the server.
import type { CertType } from '$lib/login/certificates';
import { supabaseAdmin } from '$lib/server/supabase-admin';

export type Lookup = { ok: true; phone: string; e164: string; maskedPhone: string } | { ok: false; reason: string };

type LookupRow = { ok?: boolean; reason?: string | null; phone?: string; e164?: string; masked_phone?: string };

/** Who may log in with this certificate, and where the code goes. Throws only when the database is unreachable. */
export async function lookupCertificate(input: {
  certType: CertType;
  certNo: string;
  idCardNo: string | null;
  phone: string | null;
}): Promise<Lookup> {
  const { data, error } = await supabaseAdmin().rpc('login_lookup', {
    p_cert_type: input.certType,
    p_cert_no: input.certNo,
    ...(input.idCardNo ? { p_id_card_no: input.idCardNo } : {}),
    ...(input.phone ? { p_phone: input.phone } : {}),
  });
  if (error) throw new Error(`login_lookup failed: ${error.message}`);
  const row = (data ?? {}) as LookupRow;
  if (!row.ok || !row.phone) return { ok: false, reason: row.reason ?? 'not_real_name' };
  return { ok: true, phone: row.phone, e164: row.e164 ?? `+86${row.phone}`, maskedPhone: row.masked_phone ?? '' };
}

/**
 * The phone of a login in progress. The pending cookie keeps no phone, so a 社保号 login finds it again on the
 * whitelist by 社保号 + ID number (login_lookup needs the phone itself for those).
 */
export async function phoneOfPending(p: {
  certType: CertType;
  certNo: string;
  idCardNo: string | null;
}): Promise<Lookup> {
  if (p.certType !== 'social_security') return lookupCertificate({ ...p, phone: null });
  const { data, error } = await supabaseAdmin()
    .from('social_security_whitelist')
    .select('phone')
    .eq('ss_no', p.certNo)
    .eq('active', true)
    .maybeSingle();
  if (error) throw new Error(`whitelist read failed: ${error.message}`);
  if (!data) return { ok: false, reason: 'not_whitelisted' };
  return lookupCertificate({ ...p, phone: data.phone });
}

/**
 * Makes sure Auth has a user for this registered phone, right after the registry said yes. Sign-ups are off in
 * Auth (supabase/config.toml enable_signup = false), so accounts come into being only here, with the service
 * role, for phones the registry or the whitelist holds. Idempotent: an existing user is fine. Throws when Auth
 * cannot be asked.
 */
export async function ensureAuthUser(e164: string): Promise<void> {
  const { error } = await supabaseAdmin().auth.admin.createUser({ phone: e164, phone_confirm: true });
  if (!error) return;
  // GoTrue answers 422 phone_exists ("Phone number already registered by another user") for a known phone.
  if (
    error.code === 'phone_exists' ||
    error.code === 'user_already_exists' ||
    /already registered/i.test(error.message)
  )
    return;
  throw new Error(`createUser failed: ${error.message}`);
}

/** Binds the Auth user to the certificate just used; returns the person's app_role. */
export async function linkProfile(
  userId: string,
  certType: CertType,
  certNo: string,
): Promise<{ appRole: string } | { error: string }> {
  const { data, error } = await supabaseAdmin().rpc('link_profile', {
    p_user_id: userId,
    p_cert_type: certType,
    p_cert_no: certNo,
  });
  if (error || !data) return { error: error?.message ?? 'link_profile returned nothing' };
  return { appRole: data.app_role };
}

/** How many enterprises the person may act for (service role: right after verify the request has no session yet). */
export async function enterpriseCount(userId: string): Promise<number> {
  const { count, error } = await supabaseAdmin()
    .from('enterprise_members')
    .select('enterprise_id', { count: 'exact', head: true })
    .eq('user_id', userId);
  if (error) return 0;
  return count ?? 0;
}

export type Guard =
  { ok: true } | { ok: false; reason: 'phone_hourly_limit' | 'code_tries_exhausted'; retryAfter: number | null };

/**
 * The database's per-phone limits (public.login_guard): ≤ 10 codes an hour per phone, ≤ 5 wrong tries per code.
 * They hold on a real project, where Auth sees every verification coming from this server's one address.
 * Throws only when the database is unreachable.
 */
export async function loginGuard(phone: string, event: 'send' | 'verify' | 'failed' | 'verified'): Promise<Guard> {
  const { data, error } = await supabaseAdmin().rpc('login_guard', { p_phone: phone, p_event: event });
  if (error) throw new Error(`login_guard failed: ${error.message}`);
  const row = (data ?? {}) as { ok?: boolean; reason?: string | null; retry_after?: number | null };
  if (row.ok) return { ok: true };
  return {
    ok: false,
    reason: row.reason === 'phone_hourly_limit' ? 'phone_hourly_limit' : 'code_tries_exhausted',
    retryAfter: row.retry_after ?? null,
  };
}
