// 我的待办 (seed 2 3.(1)): the taxpayer's open cases in 线上待办 / 线下待办, with status, progress, countdowns and
// the 征纳互动 unread counts.
import { z } from 'zod';
import { signedInUser } from '$lib/server/access';
import { loadCases, loadUnread } from '$lib/cases/query';
import type { PageServerLoad } from './$types';
import { keys } from '$lib/keys';

const tabSchema = z.enum(['online', 'offline']).catch('online');

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends(keys.todos);
  const [cases, unread] = await Promise.all([
    loadCases(locals.supabase, signedInUser(locals).id, 'open'),
    loadUnread(locals.supabase),
  ]);
  return { cases, unread, tab: tabSchema.parse(url.searchParams.get('tab') ?? 'online') };
};
