// 票号绑定 (T5.6): bind a ticket taken from a hall's own machine with its number and the check code printed on it
// (bind_ticket counts wrong tries, 10 an hour per person), follow today's bound tickets (my_tickets: state, how
// many are ahead), unbind (unbind_ticket, only the binder). Calls arrive as notices (private.do_call); the page
// refetches on them and on the hall's board (see +page.svelte). ?hall=<id> preselects a hall, e.g. from the
// ticket's QR code, also one not offered in the list.
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { keys } from '$lib/keys';
import { refusalText } from '$lib/refusals';
import { isUuid } from '$lib/uuid';
import { refuse, zod } from '$lib/server/validate';
import { bindRefusal, bindSchema, type BindAnswer } from '$lib/tickets/labels';
import type { Actions, PageServerLoad } from './$types';

const unbindSchema = z.object({ ticket: z.uuid({ error: '票号不存在' }) });

export const load: PageServerLoad = async ({ locals, depends, url }) => {
  depends(keys.tickets);
  const wanted = url.searchParams.get('hall');
  const [halls, tickets, chosen] = await Promise.all([
    locals.supabase
      .from('service_halls')
      .select('id, name, region:regions(active)')
      .eq('active', true)
      .order('sort')
      .order('name'),
    locals.supabase.rpc('my_tickets'),
    wanted && isUuid(wanted)
      ? locals.supabase.from('service_halls').select('id, name').eq('id', wanted).eq('active', true).maybeSingle()
      : Promise.resolve({ data: null }),
  ]);
  // Halls of regions not offered (e.g. being set up) stay out of the list.
  const options = (halls.data ?? []).filter((h) => h.region?.active).map((h) => ({ id: h.id, name: h.name }));
  if (chosen.data && !options.some((h) => h.id === chosen.data!.id)) options.unshift(chosen.data);
  return {
    halls: options,
    hall: chosen.data?.id ?? null,
    tickets: tickets.data ?? [],
    loadError: halls.error || tickets.error ? '加载失败，请稍后刷新重试。' : null,
  };
};

export const actions: Actions = {
  /** 绑定 */
  bind: async ({ request, locals }) => {
    const bind = await superValidate(request, zod(bindSchema));
    if (!bind.valid) return refuse(400, { bind }, '请按提示修改后再提交');
    const { hall, ticketNo, code } = bind.data;
    bind.data.code = ''; // the proof of holding the ticket: not sent back into the page
    const { data, error } = await locals.supabase.rpc('bind_ticket', {
      p_hall_id: hall,
      p_ticket_no: ticketNo,
      p_bind_code: code,
    });
    if (error) return refuse(400, { bind }, refusalText(error, '绑定失败，请稍后再试'), 'ticketNo');
    const answer = data as BindAnswer;
    if (!answer.ok) return refuse(400, { bind }, bindRefusal(answer), 'code');
    bind.data.ticketNo = '';
    return { bind, bound: answer.ticket_no };
  },
  /** 解除绑定 */
  unbind: async ({ request, locals }) => {
    const unbind = await superValidate(request, zod(unbindSchema));
    if (!unbind.valid) return refuse(400, { unbind }, '票号不存在');
    const { error } = await locals.supabase.rpc('unbind_ticket', { p_ticket_id: unbind.data.ticket });
    if (error) return refuse(400, { unbind }, refusalText(error, '解除绑定失败，请稍后再试'));
    return { unbind, unbound: unbind.data.ticket };
  },
};
