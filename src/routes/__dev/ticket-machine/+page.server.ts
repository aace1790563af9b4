// A stand-in for a hall's ticket machine (取号机), for demos and tests on a developer's machine: it takes a number
// for a hall and "prints" it with its check code (校验码), recording both through the machine's integration RPC
// (issue_hall_ticket, service role) exactly as a real machine would. Development only, like the stand-in's SMS
// page: in production, and under any host name other than a loopback one, it does not exist (404). Cross-site
// posts are refused by SvelteKit's origin check.
import { randomInt } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { production } from '$lib/server/env';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import { refuse, zod } from '$lib/server/validate';
import { refusalText } from '$lib/refusals';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Letters and digits that are hard to mistake for each other on paper (no 0/O, 1/I/L).
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function onlyInDevelopment(url: URL) {
  if (production || !LOOPBACK.has(url.hostname)) error(404, '您访问的页面不存在');
}

const schema = z.object({
  hall: z.uuid({ error: '请选择办税服务厅' }),
});

export const load: PageServerLoad = async ({ url }) => {
  onlyInDevelopment(url);
  const wanted = url.searchParams.get('hall');
  const { data } = await supabaseAdmin().from('service_halls').select('id, name').eq('active', true).order('name');
  const halls = data ?? [];
  const hall = wanted && isUuid(wanted) ? wanted.toLowerCase() : null;
  if (hall && !halls.some((h) => h.id === hall)) {
    const { data: one } = await supabaseAdmin().from('service_halls').select('id, name').eq('id', hall).maybeSingle();
    if (one) halls.unshift(one);
  }
  return { halls, hall };
};

export const actions: Actions = {
  /** 取号 */
  default: async ({ request, url }) => {
    onlyInDevelopment(url);
    const form = await superValidate(request, zod(schema));
    if (!form.valid) return refuse(400, { form }, '请选择办税服务厅');
    const { hall } = form.data;
    const admin = supabaseAdmin();
    const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const { data, error: err } = await admin.rpc('issue_hall_ticket', {
      p_hall_id: hall,
      // No number: the database gives the next A-number of the hall's day (a real machine sends its own).
      p_ticket_no: null as unknown as string,
      p_bind_code: code,
    });
    if (err || !data) return refuse(400, { form }, refusalText(err, '取号失败'));
    return { form, ticket: { no: data.ticket_no, code, hallId: hall, at: data.created_at } };
  },
};
