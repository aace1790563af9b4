// zod schemas of the login forms: certificate step (获取验证码), code step (登录) and the identity choice
// (个人身份 / 企业身份). Messages are the Chinese the page shows beside each field.
import { z } from 'zod';
import { CERT_TYPES, certFormatMessage, isResidentId, isValidCertNo, normalizeCertNo } from './certificates';

export const PHONE_RE = /^1[3-9]\d{9}$/;
export const CODE_RE = /^\d{6}$/;

const text = z.string().default('');

/** 证件类型 + 证件号码; for 社保号 also 身份证号码 and 手机号码 (seed 1 §1.2). */
export const certStepSchema = z
  .object({
    certType: z.enum(CERT_TYPES, { error: '请选择证件类型' }),
    certNo: text.transform(normalizeCertNo),
    idCardNo: text.transform(normalizeCertNo),
    phone: text.transform((s) => s.replace(/\s+/g, '')),
  })
  .superRefine((v, ctx) => {
    if (!v.certNo) ctx.addIssue({ code: 'custom', path: ['certNo'], message: v.certType === 'social_security' ? '请输入社保号' : '请输入证件号码' });
    else if (!isValidCertNo(v.certType, v.certNo)) ctx.addIssue({ code: 'custom', path: ['certNo'], message: certFormatMessage(v.certType) });
    if (v.certType !== 'social_security') return;
    if (!v.idCardNo) ctx.addIssue({ code: 'custom', path: ['idCardNo'], message: '请输入身份证号码' });
    else if (!isResidentId(v.idCardNo)) ctx.addIssue({ code: 'custom', path: ['idCardNo'], message: '请输入正确的18位居民身份证号码' });
    if (!v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请输入手机号码' });
    else if (!PHONE_RE.test(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请输入11位中国大陆手机号码' });
  })
  .transform((v) =>
    v.certType === 'social_security'
      ? { certType: v.certType, certNo: v.certNo, idCardNo: v.idCardNo, phone: v.phone }
      : { certType: v.certType, certNo: v.certNo, idCardNo: null, phone: null },
  );

export type CertStep = z.output<typeof certStepSchema>;

export const codeSchema = z
  .string({ error: '请输入验证码' })
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().min(1, '请输入验证码').regex(CODE_RE, '请输入6位数字验证码'));

/** 个人身份, or 企业身份 with the enterprise chosen. */
export const identitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('personal') }),
  z.object({ kind: z.literal('enterprise'), enterpriseId: z.uuid({ error: '请选择要办理业务的企业' }) }),
], { error: '请选择登录身份' });

/** Field → first message, for fail(400, { errors }). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** The named text fields of a form post (files and missing fields become ''). */
export function formStrings<K extends string>(fd: FormData, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) {
    const v = fd.get(k);
    out[k] = typeof v === 'string' ? v : '';
  }
  return out;
}
