// 通知 (T11): the person's notices, newest first, with 全部已读 and per-notice 标为已读 through the
// mark_notices_read RPC. The database writes the notices (booking, review, ticket window, called, payment,
// completed …); this page only reads them, live.
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { listNotices } from '$lib/components/notices/notices';
import { noFields, refuse, zod } from '$lib/server/validate';
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
  readAll: async ({ request, locals }) => {
    const form = await superValidate(request, zod(noFields));
    const { error } = await locals.supabase.rpc('mark_notices_read', {});
    if (error) return refuse(400, { form }, '操作失败，请稍后再试。');
    return { read: 'all' as const };
  },
  /** 标为已读 */
  read: async ({ request, locals }) => {
    const form = await superValidate(request, zod(readOneSchema));
    if (!form.valid) return refuse(400, { form }, '通知不存在');
    const { error } = await locals.supabase.rpc('mark_notices_read', { p_ids: [form.data.id] });
    if (error) return refuse(400, { form }, '操作失败，请稍后再试。');
    return { read: form.data.id };
  },
};
