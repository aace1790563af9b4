// 支付 (O6 / T8.4), shared by the officer's and the taxpayer's payment pages and the components that show them:
// the schemas of the three posts (发起支付, 提交支付回执, 支付结果), the limits the database and the receipts bucket
// enforce again, and the shape of one payment as the pages show it. Browser-safe: no secrets, no server imports.
import { z } from 'zod';
import type { PaymentStatus } from '$lib/cases/types';

/** At most this many receipt images (settings.max_receipts, seed 1: 最多可上传 5 张图片). */
export const MAX_RECEIPTS = 5;
/** The receipts bucket's size limit per file. */
export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * An uploaded QR image travels in the 发起支付 post itself (so the upload and the request commit together); the
 * Node server takes request bodies up to 512 KB, which a QR code image (a few KB to a few hundred) fits easily.
 */
export const QR_IMAGE_MAX_BYTES = 400 * 1024;
export const NOTE_MAX = 500;
export const INSTRUCTIONS_MAX = 1000;
export const QR_TEXT_MAX = 500;
/** Signed links to the QR code and the receipts live this long; the pages fetch new ones before they expire. */
export const PAYMENT_LINK_SECONDS = 5 * 60;
/** What the file pickers accept: images only (the server sniffs the bytes again). */
export const IMAGE_ACCEPT = '.jpg,.jpeg,.png,image/jpeg,image/png';

/** The officer's payment page of a case (the taxpayer's link is in ./href, which PayButton imports without zod). */
export const officerPaymentHref = (caseId: string) => `/officer/cases/${caseId}/payment`;

/** 128.5 / 128.50 / 3 — yuan with at most two decimals, below the database's 1e12. */
const AMOUNT = /^\d{1,11}(\.\d{1,2})?$/;

export const requestSchema = z
  .object({
    amount: z
      .string()
      .trim()
      .min(1, '请填写支付金额')
      .regex(AMOUNT, '支付金额格式不正确，请填写数字，最多两位小数')
      .refine((v) => Number(v) > 0, '支付金额须大于0'),
    instructions: z.string().trim().max(INSTRUCTIONS_MAX, `支付说明不能超过${INSTRUCTIONS_MAX}字`).default(''),
    qrMode: z.enum(['text', 'image', 'none'], '请选择收款二维码的提供方式').default('text'),
    qrText: z.string().trim().max(QR_TEXT_MAX, `收款码内容不能超过${QR_TEXT_MAX}个字符`).default(''),
    /** One per form shown: a retried post (a lost answer) stores the same QR object and requests once. */
    requestKey: z.uuid('页面已过期，请刷新页面后重试'),
  })
  .superRefine((v, ctx) => {
    if (v.qrMode === 'text' && !v.qrText)
      ctx.addIssue({ code: 'custom', path: ['qrText'], message: '请填写收款码内容（支付链接或付款码）' });
    if (v.qrMode === 'none' && !v.instructions)
      ctx.addIssue({ code: 'custom', path: ['instructions'], message: '不提供收款二维码时，请填写支付说明' });
  });

export const receiptsSchema = z.object({
  paymentId: z.uuid('支付记录无效，请刷新页面后重试'),
  paths: z
    .array(z.string().max(300))
    .min(1, '请上传支付回执图片')
    .max(MAX_RECEIPTS, `支付回执最多上传${MAX_RECEIPTS}张图片`)
    .default([]),
  note: z.string().trim().max(NOTE_MAX, `回执信息不能超过${NOTE_MAX}字`).default(''),
});

export const decideSchema = z
  .object({
    paymentId: z.uuid('支付记录无效，请刷新页面后重试'),
    decision: z.enum(['confirm', 'reject'], '请选择支付成功或支付不成功'),
    note: z.string().trim().max(NOTE_MAX, `支付结果说明不能超过${NOTE_MAX}字`).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写支付不成功的原因' });
  });

/** An image the taxpayer may upload as a receipt or an officer as the QR code (by its sniffed kind). */
export const isPaymentImage = (mime: string) => mime === 'image/jpeg' || mime === 'image/png';

/** One payment as the pages show it; links are signed for the viewer and live PAYMENT_LINK_SECONDS. */
export interface PaymentView {
  id: string;
  status: PaymentStatus;
  amount: number;
  instructions: string | null;
  qrUrl: string | null;
  requestedAt: string;
  receiptNote: string | null;
  submittedAt: string | null;
  receipts: { id: string; url: string | null }[];
  decidedAt: string | null;
  resultNote: string | null;
}

/** ¥128.50 */
export const formatAmount = (yuan: number) =>
  `¥${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
