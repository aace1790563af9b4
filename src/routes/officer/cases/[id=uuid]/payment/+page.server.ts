// 支付 of one case for its handling officer (O6): 发起支付 (amount, instructions, a QR code generated from the
// officer's text or an uploaded image, stored in bucket receipts and requested in one post), then the taxpayer's
// receipts (5-minute signed links) and 回执信息, and the decision 支付成功 / 支付不成功 with a note. Every officer may
// open /officer/cases/… by the menu's rules, so this page itself answers 403 to anyone but the case's handler
// (back_office_officer_id while back_office_taken, handler_id while serving); request_payment and decide_payment
// refuse them as well. Live from case:<id>. Built as components in $lib/payments so the back-office task page and
// the online handling page can link here or embed them.
import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { randomUUID } from 'node:crypto';
import { keys } from '$lib/keys';
import { PAYMENT_LINK_SECONDS, decideSchema, requestSchema } from '$lib/payments/payment';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { loadPayment, qrImage, requestPayment, type QrSource } from '$lib/server/payments';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

const CASE = `id, task_no, status, hall_id, handler_id, back_office_officer_id, owner_id,
  hall:service_halls(name), node:business_nodes(name, topic:topics(name))`;

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  const user = signedInUser(locals);
  const id = params.id.toLowerCase();
  depends(keys.case(id));
  const sb = locals.supabase;
  const { data: c, error: e } = await sb.from('cases').select(CASE).eq('id', id).maybeSingle();
  if (e) throw new Error(`case: ${e.message}`);
  if (!c) error(404, '任务不存在或无权查看');
  const handling =
    (c.status === 'back_office_taken' && c.back_office_officer_id === user.id) ||
    (c.status === 'serving' && c.handler_id === user.id);
  // After the case closed, the officer who handled it may still look (read only).
  const handled =
    (c.status === 'completed' || c.status === 'cancelled') &&
    (c.back_office_officer_id === user.id || c.handler_id === user.id);
  if (!handling && !handled) error(403, '只有该任务的办理人员可以处理支付');
  const [payment, owner] = await Promise.all([
    loadPayment(sb, id),
    sb.from('profiles').select('full_name').eq('id', c.owner_id).maybeSingle(),
  ]);
  return {
    kase: {
      id: c.id,
      taskNo: c.task_no,
      status: c.status,
      hallId: c.hall_id,
      hallName: c.hall?.name ?? '',
      topic: c.node?.topic?.name ?? c.node?.name ?? '',
      node: c.node?.name ?? '',
      taxpayer: owner.data?.full_name ?? '',
      handling,
    },
    payment,
    /** A fresh key for the next 发起支付 form: a retried post of the same form requests once. */
    requestKey: randomUUID(),
    linksMadeAt: Date.now(),
    linkSeconds: PAYMENT_LINK_SECONDS,
  };
};

export const actions: Actions = {
  request: async ({ locals, params, request }) => {
    const data = await request.formData();
    const form = await superValidate(data, zod(requestSchema));
    if (!form.valid) return fail(400, { form });
    const file = data.get('qrImage');
    let src: QrSource = { kind: 'none' };
    if (form.data.qrMode === 'text') src = { kind: 'text', text: form.data.qrText };
    if (form.data.qrMode === 'image') {
      if (!(file instanceof File) || file.size === 0) return refuse(400, { form }, '请选择收款二维码图片', 'qrMode');
      src = { kind: 'image', file };
    }
    const image = await qrImage(src);
    if (image && !image.ok) return refuse(400, { form }, image.reason, 'qrMode');
    const r = await requestPayment(locals.supabase, params.id.toLowerCase(), form.data, image);
    if (!r.ok) return refuse(r.status, { form }, r.text, r.code === 'amount_invalid' ? 'amount' : undefined);
    return { form, requested: true };
  },
  decide: async ({ locals, request }) => {
    const decide = await superValidate(request, zod(decideSchema));
    if (!decide.valid) return fail(400, { decide });
    const { error: e } = await locals.supabase.rpc('decide_payment', {
      p_payment_id: decide.data.paymentId,
      p_confirmed: decide.data.decision === 'confirm',
      p_note: decide.data.note || undefined,
    });
    if (e) return refuse(409, { decide }, refusalText(e, '提交失败，请稍后再试'));
    return { decide, decided: decide.data.decision };
  },
};
