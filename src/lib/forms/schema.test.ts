import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms/server';
import { zod } from '$lib/server/validate';
import { charCount, draftSchema, isPhoneOrLandline, submitSchema } from './schema';

/** The field errors the save / submit actions answer with (superforms, as the actions read a post). */
const errorsOf = async (schema: typeof draftSchema, values: Record<string, string>) =>
  (await superValidate(values, zod(schema))).errors;

const HALL = 'b0000000-0000-4000-8000-000000000006';
const base = { hallId: HALL, agentName: '', agentContact: '', description: '' };

describe('description (描述，字数限制：200)', () => {
  it('accepts 200 characters and refuses 201, counting Chinese characters and emoji as one each', async () => {
    expect(draftSchema.safeParse({ ...base, description: '税'.repeat(200) }).success).toBe(true);
    expect((await errorsOf(draftSchema, { ...base, description: '税'.repeat(201) })).description).toEqual([
      '描述不能超过200字',
    ]);
    expect(charCount('😀'.repeat(200))).toBe(200);
    expect(draftSchema.safeParse({ ...base, description: '😀'.repeat(200) }).success).toBe(true);
  });

  it('counts a browser line break (\\r\\n) as one character, as the counter does', () => {
    const text = 'a\r\n'.repeat(100); // 200 characters once normalized
    const r = draftSchema.safeParse({ ...base, description: text });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.description).toBe('a\n'.repeat(99) + 'a');
  });
});

describe('agent (经办人姓名, 联系方式)', () => {
  it('allows both empty (the taxpayer handles it in person)', () => {
    expect(draftSchema.safeParse(base).success).toBe(true);
  });

  it('needs both when one is given', async () => {
    expect(await errorsOf(draftSchema, { ...base, agentName: '李雷' })).toEqual({
      agentContact: ['请输入经办人的联系方式'],
    });
    expect(await errorsOf(draftSchema, { ...base, agentContact: '13800000000' })).toEqual({
      agentName: ['请输入经办人姓名'],
    });
  });

  it('accepts Chinese, minority and foreign names; refuses digits, one character and over 30', async () => {
    for (const name of ['李雷', '阿卜杜拉·买买提', 'John Smith', '欧阳娜娜']) {
      expect(draftSchema.safeParse({ ...base, agentName: name, agentContact: '13800000000' }).success, name).toBe(true);
    }
    for (const name of ['李', '张三1', '<b>x</b>', '张'.repeat(31)]) {
      expect(
        (await errorsOf(draftSchema, { ...base, agentName: name, agentContact: '13800000000' })).agentName,
        name,
      ).toEqual(['经办人姓名应为2至30个汉字或字母']);
    }
  });

  it('accepts mainland mobiles and landlines with area code; refuses the rest', async () => {
    for (const p of [
      '13800000000',
      '+8613800000000',
      '86 13800000000',
      '0756-1234567',
      '020-12345678',
      '075612345678',
      '0756-1234567-801',
    ]) {
      expect(isPhoneOrLandline(p), p).toBe(true);
    }
    for (const p of ['12345678901', '1380000000', '138000000001', '1234567', '756-1234567', 'abc', '']) {
      expect(isPhoneOrLandline(p), p).toBe(false);
    }
    expect(
      (await errorsOf(draftSchema, { ...base, agentName: '李雷', agentContact: '12345' })).agentContact?.[0],
    ).toMatch(/^请输入正确的手机号码或固定电话/);
  });

  it('trims surrounding spaces', () => {
    const r = draftSchema.safeParse({ ...base, agentName: '  李雷 ', agentContact: ' 13800000000 ' });
    expect(r.success && r.data).toMatchObject({ agentName: '李雷', agentContact: '13800000000' });
  });
});

describe('hall', () => {
  it('a draft may have no hall; submitting needs one', async () => {
    expect(draftSchema.safeParse({ ...base, hallId: '' }).success).toBe(true);
    expect((await errorsOf(submitSchema, { ...base, hallId: '' })).hallId).toEqual(['请选择办理税务机构']);
    expect(submitSchema.safeParse({ ...base, hallId: 'not-a-uuid' }).success).toBe(false);
  });
});
