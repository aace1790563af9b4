import { describe, expect, it } from 'vitest';
import { decideSchema, formatAmount, receiptsSchema, requestSchema } from './payment';
import { fieldError } from './field-error';

const KEY = '3f2a7c1e-8d4b-4c6a-9e2f-1a2b3c4d5e6f';
/** The first message per field, as the pages show it (superforms' errors.<field>[0]). */
const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries([...(r.error?.issues ?? [])].reverse().map((i) => [String(i.path[0]), i.message]));

describe('支付 schemas', () => {
  it('take an amount in yuan with at most two decimals, above zero, and say what is wrong in Chinese', () => {
    const ok = requestSchema.safeParse({
      amount: ' 128.5 ',
      qrMode: 'text',
      qrText: 'https://pay.example.cn/x',
      requestKey: KEY,
    });
    expect(ok.success && ok.data.amount).toBe('128.5');
    expect(errorsOf(requestSchema.safeParse({ amount: '', qrText: 'x', requestKey: KEY }))).toEqual({
      amount: '请填写支付金额',
    });
    expect(errorsOf(requestSchema.safeParse({ amount: '1.234', qrText: 'x', requestKey: KEY })).amount).toBe(
      '支付金额格式不正确，请填写数字，最多两位小数',
    );
    expect(errorsOf(requestSchema.safeParse({ amount: '-3', qrText: 'x', requestKey: KEY })).amount).toMatch(
      /格式不正确/,
    );
    expect(errorsOf(requestSchema.safeParse({ amount: '0.00', qrText: 'x', requestKey: KEY })).amount).toBe(
      '支付金额须大于0',
    );
  });

  it('need the QR text when generating, and instructions when there is no QR code', () => {
    expect(errorsOf(requestSchema.safeParse({ amount: '5', qrMode: 'text', requestKey: KEY }))).toEqual({
      qrText: '请填写收款码内容（支付链接或付款码）',
    });
    expect(errorsOf(requestSchema.safeParse({ amount: '5', qrMode: 'none', requestKey: KEY }))).toEqual({
      instructions: '不提供收款二维码时，请填写支付说明',
    });
    expect(requestSchema.safeParse({ amount: '5', qrMode: 'image', requestKey: KEY }).success).toBe(true);
  });

  it('take one to five receipts, and a reason for 支付不成功', () => {
    const id = KEY;
    expect(errorsOf(receiptsSchema.safeParse({ paymentId: id, paths: [] })).paths).toBe('请上传支付回执图片');
    expect(errorsOf(receiptsSchema.safeParse({ paymentId: id, paths: ['1', '2', '3', '4', '5', '6'] })).paths).toBe(
      '支付回执最多上传5张图片',
    );
    expect(errorsOf(decideSchema.safeParse({ paymentId: id, decision: 'reject', note: ' ' }))).toEqual({
      note: '请填写支付不成功的原因',
    });
    expect(decideSchema.safeParse({ paymentId: id, decision: 'confirm' }).success).toBe(true);
  });

  it('show amounts as yuan, and read a field error whatever its shape', () => {
    expect(formatAmount(128.5)).toBe('¥128.50');
    expect(fieldError({ errors: { amount: ['请填写支付金额'] } }, 'amount')).toBe('请填写支付金额');
    expect(fieldError({ errors: { paths: { _errors: ['支付回执最多上传5张图片'] } } }, 'paths')).toBe(
      '支付回执最多上传5张图片',
    );
    expect(fieldError({ errors: {} }, 'note')).toBeUndefined();
  });
});
