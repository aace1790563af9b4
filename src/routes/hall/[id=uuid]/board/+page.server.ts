// 叫号屏 (/hall/<id>/board): the screen in a service hall. Public — nobody signs in to a TV on the wall
// ($lib/server/access: outside every signed-in area) — and without names: hall_board gives the hall's name and its
// board (ticket numbers waiting and called, the waiting count), granted to the anonymous role. An unknown hall is
// the 404 page.
import { error } from '@sveltejs/kit';
import { readBoard } from '$lib/hall-board';
import { keys } from '$lib/keys';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  depends(keys.hallBoard(params.id));
  const { data, error: e } = await locals.supabase.rpc('hall_board', { p_hall_id: params.id });
  if (e) error(503, '叫号信息暂时无法读取，请稍后刷新');
  if (!data || typeof data !== 'object' || Array.isArray(data)) error(404, '未找到该办税服务厅');
  const name = data.hall_name;
  return {
    hallId: params.id.toLowerCase(),
    hallName: typeof name === 'string' ? name : '',
    board: readBoard(data, params.id),
  };
};
