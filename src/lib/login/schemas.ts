// zod schemas of the login forms: certificate step (获取验证码), code step (登录) and the identity choice
// (个人身份 / 企业身份). Messages are the Chinese the page shows beside each field.
import { z } from 'zod';
import { choice } from '$lib/validation';
import { CERT_TYPES, certFormatMessage, isResidentId, isValidCertNo, normalizeCertNo } from './certificates';

export const PHONE_RE = /^1[3-9]\d{9}$/;
export const CODE_RE = /^\d{6}$/;

const text = z.string().default('');

/** 证件类型 + 证件号码; for 社保号 also 身份证号码 and 手机号码 (seed 1 §1.2); `next` rides along. */
export const certStepSchema = z
  .object({
    certType: choice(CERT_TYPES, '请选择证件类型'),
    certNo: text.transform(normalizeCertNo),
    idCardNo: text.transform(normalizeCertNo),
    phone: text.transform((s) => s.replace(/\s+/g, '')),
    next: text,
  })
  .superRefine((v, ctx) => {
    if (!v.certNo)
      ctx.addIssue({
        code: 'custom',
        path: ['certNo'],
        message: v.certType === 'social_security' ? '请输入社保号' : '请输入证件号码',
      });
    else if (!isValidCertNo(v.certType, v.certNo))
      ctx.addIssue({ code: 'custom', path: ['certNo'], message: certFormatMessage(v.certType) });
    if (v.certType !== 'social_security') return;
    if (!v.idCardNo) ctx.addIssue({ code: 'custom', path: ['idCardNo'], message: '请输入身份证号码' });
    else if (!isResidentId(v.idCardNo))
      ctx.addIssue({ code: 'custom', path: ['idCardNo'], message: '请输入正确的18位居民身份证号码' });
    if (!v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请输入手机号码' });
    else if (!PHONE_RE.test(v.phone))
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '请输入11位中国大陆手机号码' });
  })
  .transform((v) =>
    v.certType === 'social_security'
      ? { certType: v.certType, certNo: v.certNo, idCardNo: v.idCardNo, phone: v.phone, next: v.next }
      : { certType: v.certType, certNo: v.certNo, idCardNo: null, phone: null, next: v.next },
  );

export type CertStep = z.output<typeof certStepSchema>;

/** 验证码 (the code step's one field). */
export const codeStepSchema = z.object({
  code: z
    .string()
    .default('')
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().min(1, '请输入验证码').regex(CODE_RE, '请输入6位数字验证码')),
});

/** 个人身份, or 企业身份 with the enterprise chosen; `next` rides along. */
export const identitySchema = z
  .object({
    kind: choice(['personal', 'enterprise'], '请选择登录身份'),
    enterpriseId: text,
    next: text,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'enterprise' && !z.uuid().safeParse(v.enterpriseId).success) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择要办理业务的企业' });
    }
  });
