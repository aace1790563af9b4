// 我的收藏: the nodes (主题业务) and letters (告知书) favorited automatically during guidance, with 继续办理 and
// 取消收藏. Reads and deletes go through the caller's client, so RLS keeps everyone to their own rows.
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { loadFavorites, removeFavorite } from '$lib/guide/catalog';
import { groupFavorites } from '$lib/guide/favorites';
import { signedInUser } from '$lib/server/access';
import { isUuid } from '$lib/guide/state';
import { formatDateTime } from '$lib/time/shanghai';
import { refuse, zod } from '$lib/server/validate';
import { choice } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = signedInUser(locals);
  const { nodes, letters } = groupFavorites(await loadFavorites(locals.supabase, user.id));
  const withTime = <T extends { createdAt: string }>(f: T) => ({ ...f, createdAtText: formatDateTime(f.createdAt) });
  return { nodes: nodes.map(withTime), letters: letters.map(withTime) };
};

const removeSchema = z.object({
  node: z.string().refine(isUuid),
  kind: choice(['node', 'letter'], '取消收藏失败：参数无效'),
});

export const actions: Actions = {
  remove: async ({ locals, request }) => {
    const user = signedInUser(locals);
    const form = await superValidate(request, zod(removeSchema));
    if (!form.valid) return refuse(400, { form }, '取消收藏失败：参数无效');
    await removeFavorite(locals.supabase, user.id, form.data.node, form.data.kind);
    redirect(303, '/favorites');
  },
};
