// The online form's own fields (SPEC T3.3) as zod schemas, shared by the form actions and the page's live hints:
// 经办人姓名 and 联系方式 (both or neither: "若非本人办理业务，请输入经办人的姓名以及联系方式"), the business
// description (描述，字数限制：200, counted in characters as Postgres char_length does), and the handling hall.
import { z } from 'zod';
import { isUuid } from '$lib/uuid';

export const DESCRIPTION_MAX = 200;

/** Characters as the database counts them (code points), with browser line breaks (\r\n) made one. */
export const normalizeText = (s: string) => s.replace(/\r\n?/g, '\n');
export const charCount = (s: string) => [...normalizeText(s)].length;

export { isUuid };

/** Mainland mobile (13800000001, +86 / 86 allowed) or landline with area code (0756-1234567, 075612345678, ext. -8). */
const MOBILE = /^(?:\+?86[- ]?)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?$/;
export const isPhoneOrLandline = (s: string) => MOBILE.test(s) || LANDLINE.test(s);

/** Names: Chinese characters, letters, middle dot (少数民族/外籍姓名), spaces inside; 2–30 characters. */
const NAME = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·•．. ]*[\p{Script=Han}A-Za-z]$/u;

const trimmed = z.string().transform((s) => normalizeText(s).trim());

export const draftSchema = z
  .object({
    hallId: trimmed.refine((s) => s === '' || isUuid(s), '请选择办理税务机构'),
    agentName: trimmed.refine(
      (s) => s === '' || (charCount(s) >= 2 && charCount(s) <= 30 && NAME.test(s)),
      '经办人姓名应为2至30个汉字或字母',
    ),
    agentContact: trimmed.refine(
      (s) => s === '' || isPhoneOrLandline(s),
      '请输入正确的手机号码或固定电话（如 13800000000 或 0756-1234567）',
    ),
    description: trimmed.refine((s) => charCount(s) <= DESCRIPTION_MAX, `描述不能超过${DESCRIPTION_MAX}字`),
  })
  .superRefine((v, ctx) => {
    if (v.agentName && !v.agentContact)
      ctx.addIssue({ code: 'custom', path: ['agentContact'], message: '请输入经办人的联系方式' });
    if (v.agentContact && !v.agentName)
      ctx.addIssue({ code: 'custom', path: ['agentName'], message: '请输入经办人姓名' });
  });

/** What submitting needs beyond a valid draft: the hall. (Required slots are checked against the database.) */
export const submitSchema = draftSchema.superRefine((v, ctx) => {
  if (!v.hallId) ctx.addIssue({ code: 'custom', path: ['hallId'], message: '请选择办理税务机构' });
});
