// 通知 (T11): the person's notices, newest first, with 全部已读 and per-notice 标为已读 through the
// mark_notices_read RPC. The database writes the notices (booking, review, ticket window, called, payment,
// completed …); this page only reads them, live.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { listNotices } from '$lib/components/notices/notices';
import type { Actions, PageServerLoad } from './$types';
import { keys } from '$lib/keys';

const readOneSchema = z.object({ id: z.uuid({ error: '通知不存在' }) });

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends(keys.notices);
  let notices: Awaited<ReturnType<typeof listNotices>> = [];
  let loadError: string | null = null;
  try {
    notices = await listNotices(locals.supabase);
  } catch {
    loadError = '通知加载失败，请稍后刷新重试。';
  }
  return { notices, loadError };
};

export const actions: Actions = {
  /** 全部已读 */
  readAll: async ({ locals }) => {
    const { error } = await locals.supabase.rpc('mark_notices_read', {});
    if (error) return fail(400, { error: '操作失败，请稍后再试。' });
    return { read: 'all' as const };
  },
  /** 标为已读 */
  read: async ({ request, locals }) => {
    const fd = await request.formData();
    const parsed = readOneSchema.safeParse({ id: fd.get('id') });
    if (!parsed.success) return fail(400, { error: parsed.error.issues[0].message });
    const { error } = await locals.supabase.rpc('mark_notices_read', { p_ids: [parsed.data.id] });
    if (error) return fail(400, { error: '操作失败，请稍后再试。' });
    return { read: parsed.data.id };
  },
};
