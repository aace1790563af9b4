// 线上支付 (T8.4, seed 1 4.(3)): the amount, the officer's QR code (a 5-minute signed link) or instructions, the
// receipts (up to 5 images, uploaded with progress through /api/payments/receipts/sign) with 回执信息, 提交; after
// 支付不成功 the taxpayer uploads again; the officer's result shows here live. The database decides who may submit
// and when (submit_payment_receipts); the server checks every stored file's bytes before it does.
import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { loadCase } from '$lib/cases/query';
import { keys } from '$lib/keys';
import { PAYMENT_LINK_SECONDS, RECEIPT_MAX_BYTES, receiptsSchema } from '$lib/payments/payment';
import { refusalText } from '$lib/refusals';
import { appRoleOf } from '$lib/server/login/claims';
import { inPaymentFolder, loadPayment, verifyReceipts } from '$lib/server/payments';
import { UploadRefused } from '$lib/server/uploads/objects';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  const id = params.id.toLowerCase();
  depends(keys.case(id));
  const c = await loadCase(locals.supabase, id);
  if (!c) error(404, '任务不存在');
  const payment = await loadPayment(locals.supabase, id);
  return {
    case: { id: c.id, taskNo: c.taskNo, topicName: c.topicName, nodeName: c.nodeName },
    payment,
    linksMadeAt: Date.now(),
    linkSeconds: PAYMENT_LINK_SECONDS,
  };
};

export const actions: Actions = {
  submit: async ({ locals, params, request }) => {
    const caseId = params.id.toLowerCase();
    const form = await superValidate(request, zod(receiptsSchema));
    if (!form.valid) return fail(400, { form });
    const paymentId = form.data.paymentId.toLowerCase();
    const paths = [...new Set(form.data.paths)];
    if (paths.some((p) => !inPaymentFolder(p, caseId, paymentId)))
      return refuse(400, { form }, '支付回执图片位置无效，请重新上传', 'paths');
    const sb = locals.supabase;
    // The caller's right first, before the server reads or deletes any object with its own rights: the payment is
    // visible to the case's parties and its hall's officers, so a visible payment and no officer role mean a party
    // (the database checks again: require_party).
    if (appRoleOf(locals.session) === 'officer') return refuse(403, { form }, '支付回执由纳税人提交');
    const { data: p, error: e } = await sb
      .from('payments')
      .select('id, case_id, status, receipts:payment_receipts(object_path)')
      .eq('id', paymentId)
      .eq('case_id', caseId)
      .maybeSingle();
    if (e) throw new Error(`payments: ${e.message}`);
    if (!p) return refuse(404, { form }, '支付记录不存在或无权查看');
    if (p.status !== 'requested' && p.status !== 'rejected')
      return refuse(409, { form }, '当前支付状态不能提交回执，请刷新页面后查看最新状态');
    try {
      await verifyReceipts(paths, RECEIPT_MAX_BYTES, new Set((p.receipts ?? []).map((r) => r.object_path)));
    } catch (x) {
      if (x instanceof UploadRefused) return refuse(x.status === 409 ? 409 : 422, { form }, x.message, 'paths');
      throw x;
    }
    const { error: rpcError } = await sb.rpc('submit_payment_receipts', {
      p_payment_id: paymentId,
      p_object_paths: paths,
      p_note: form.data.note || undefined,
    });
    if (rpcError) {
      const code = rpcError.message;
      const field =
        code === 'receipts_count_invalid' || code === 'object_missing'
          ? 'paths'
          : code === 'note_too_long'
            ? 'note'
            : undefined;
      return refuse(409, { form }, refusalText(rpcError, '提交失败，请稍后再试'), field);
    }
    return { form, submitted: true };
  },
};
