// Acting as a user directly in SQL, exactly as PostgREST evaluates a request (the stand-in's asRole: one
// transaction with the role's own settings, request.jwt.claims and the role switched), so RLS and the RPCs' own
// caller checks are the real thing. Claims for a signed-in person come from the app's own Custom Access Token
// hook, as Auth would mint them.
import type pg from 'pg';
import { asRole } from '../../../supabase/local/index.js';
import { adminDb, platformDb } from '../../support/supabase';

export type Claims = Record<string, unknown> & { role: 'anon' | 'authenticated' | 'service_role'; sub?: string };
export type Actor = { id?: string; claims: Claims; label: string };
export type Query = <R = any>(sql: string, params?: unknown[]) => Promise<R[]>;

export const anon: Actor = { label: 'anonymous', claims: { role: 'anon' } };
export const service: Actor = { label: 'service_role', claims: { role: 'service_role' } };

/** Claims as the access token hook would put them into this user's JWT. */
export async function claimsFor(userId: string): Promise<Claims> {
  const base = { sub: userId, role: 'authenticated', aud: 'authenticated' };
  // As Auth calls it: logged in as supabase_auth_admin (postgres may not switch to that role).
  const client = await platformDb('supabase_auth_admin').connect();
  try {
    await client.query('begin');
    const { rows } = await client.query(`select public.custom_access_token_hook($1::jsonb) -> 'claims' as claims`, [
      JSON.stringify({ user_id: userId, claims: base, authentication_method: 'otp' }),
    ]);
    await client.query('commit');
    return rows[0].claims;
  } finally {
    client.release();
  }
}

/** Runs fn in one transaction as the actor; commits on success, rolls back and rethrows on error. */
export function as<T>(actor: Actor, fn: (q: Query, client: pg.ClientBase) => Promise<T>): Promise<T> {
  return asRole(adminDb(), { role: actor.claims.role, claims: actor.claims }, (client) => {
    const q: Query = async (sql, params) => (await client.query(sql, params as any[])).rows;
    return fn(q, client);
  });
}

/** One statement as the actor. */
export const run = <R = any>(actor: Actor, sql: string, params?: unknown[]) => as(actor, (q) => q<R>(sql, params));
/** The first row of one statement as the actor. */
export const one = async <R = any>(actor: Actor, sql: string, params?: unknown[]) =>
  (await run<R>(actor, sql, params))[0];

/** The refusal of a statement: its SQLSTATE and message (fails the test when it succeeds). */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e: any) {
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a refusal, but the statement succeeded');
}
