// 我的收藏: the nodes (主题业务) and letters (告知书) favorited automatically during guidance, with 继续办理 and
// 取消收藏. Reads and deletes go through the caller's client, so RLS keeps everyone to their own rows.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { loadFavorites, removeFavorite } from '$lib/guide/catalog';
import { groupFavorites } from '$lib/guide/favorites';
import { signedInUser } from '$lib/server/access';
import { isUuid } from '$lib/guide/state';
import { formatDateTime } from '$lib/time/shanghai';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = signedInUser(locals);
  const { nodes, letters } = groupFavorites(await loadFavorites(locals.supabase, user.id));
  const withTime = <T extends { createdAt: string }>(f: T) => ({ ...f, createdAtText: formatDateTime(f.createdAt) });
  return { nodes: nodes.map(withTime), letters: letters.map(withTime) };
};

const removeSchema = z.object({ node: z.string().refine(isUuid), kind: z.enum(['node', 'letter']) });

export const actions: Actions = {
  remove: async ({ locals, request }) => {
    const user = signedInUser(locals);
    const form = await request.formData();
    const parsed = removeSchema.safeParse({ node: form.get('node'), kind: form.get('kind') });
    if (!parsed.success) return fail(400, { error: '取消收藏失败：参数无效' });
    await removeFavorite(locals.supabase, user.id, parsed.data.node, parsed.data.kind);
    redirect(303, '/favorites');
  },
};
