import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms/server';
import { zod } from '$lib/server/validate';
import { isResidentId, isValidCertNo, residentIdCheckChar } from './certificates';
import { maskCertNo, maskPhone } from './mask';
import {
  landing,
  lookupMessage,
  SOCIAL_SECURITY_MISMATCH,
  NOT_REAL_NAME_MESSAGE,
  resendLabel,
  resendWait,
  safeNext,
  secondsToWait,
  sendFailureMessage,
  verifyFailureMessage,
} from './messages';
import { certStepSchema, codeStepSchema, identitySchema } from './schemas';

/** A post of these fields, read as the login actions read it. */
function post(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe('resident ID (GB 11643)', () => {
  it('accepts the demo numbers with their check characters', () => {
    for (const id of [
      '440106199001010013',
      '440106199001010021',
      '440402199001010137',
      '44010619900101003X',
      '44010619900101003x',
    ]) {
      expect(isResidentId(id)).toBe(true);
    }
  });
  it('computes the check character', () => {
    expect(residentIdCheckChar('44010619900101001')).toBe('3');
    expect(residentIdCheckChar('44010619900101003')).toBe('X');
  });
  it('refuses a wrong check digit, a wrong length and an impossible birth date', () => {
    expect(isResidentId('440106199001010014')).toBe(false);
    expect(isResidentId('44010619900101001')).toBe(false);
    expect(isResidentId('4401061990010100133')).toBe(false);
    expect(isResidentId('440106199002300011')).toBe(false); // 30 February
    expect(isResidentId('44010619900101001A')).toBe(false);
  });
});

describe('other certificates', () => {
  it('checks the permits, passport, permanent residence card and 社保号', () => {
    expect(isValidCertNo('hk_macao_permit', 'H00000001')).toBe(true);
    expect(isValidCertNo('hk_macao_permit', 'h 0000 0001')).toBe(true);
    expect(isValidCertNo('hk_macao_permit', 'X00000001')).toBe(false);
    expect(isValidCertNo('taiwan_permit', '12345678')).toBe(true);
    expect(isValidCertNo('taiwan_permit', '1234')).toBe(false);
    expect(isValidCertNo('passport', 'E12345678')).toBe(true);
    expect(isValidCertNo('passport', 'E1-2')).toBe(false);
    expect(isValidCertNo('foreign_permanent_residence', 'USA110090000001')).toBe(true);
    expect(isValidCertNo('foreign_permanent_residence', '12345')).toBe(false);
    expect(isValidCertNo('social_security', '8800000001')).toBe(true);
    expect(isValidCertNo('social_security', '88')).toBe(false);
  });
});

describe('certificate step schema', () => {
  it('normalises and accepts 居民身份证', async () => {
    const f = await superValidate(
      post({ certType: 'resident_id', certNo: ' 44010619900101003x ', idCardNo: 'x', phone: 'y', next: '/todos' }),
      zod(certStepSchema),
    );
    expect(f.valid && f.data).toEqual({
      certType: 'resident_id',
      certNo: '44010619900101003X',
      idCardNo: null,
      phone: null,
      next: '/todos',
    });
  });
  it('says which field is wrong, in Chinese, and keeps what was posted', async () => {
    const f = await superValidate(post({ certType: 'resident_id', certNo: '440106199001010014' }), zod(certStepSchema));
    expect(f.errors).toEqual({ certNo: ['请输入正确的18位居民身份证号码'] });
    expect(f.data).toMatchObject({ certType: 'resident_id', certNo: '440106199001010014', idCardNo: '', phone: '' });
    expect((await superValidate(post({ certType: 'passport', certNo: '' }), zod(certStepSchema))).errors).toEqual({
      certNo: ['请输入证件号码'],
    });
    expect((await superValidate(post({ certType: '', certNo: '' }), zod(certStepSchema))).errors.certType).toEqual([
      '请选择证件类型',
    ]);
    // A post without the type is refused, not read as the first type.
    expect((await superValidate(post({ certNo: '440106199001010013' }), zod(certStepSchema))).errors.certType).toEqual([
      '请选择证件类型',
    ]);
  });
  it('requires ID number and phone with 社保号', async () => {
    const f = await superValidate(
      post({ certType: 'social_security', certNo: '8800000001', idCardNo: '', phone: '1380000000' }),
      zod(certStepSchema),
    );
    expect(f.errors).toEqual({ idCardNo: ['请输入身份证号码'], phone: ['请输入11位中国大陆手机号码'] });
    const ok = await superValidate(
      post({
        certType: 'social_security',
        certNo: '8800000001',
        idCardNo: '440106199001010048',
        phone: '138 0000 0004',
      }),
      zod(certStepSchema),
    );
    expect(ok.valid && ok.data).toEqual({
      certType: 'social_security',
      certNo: '8800000001',
      idCardNo: '440106199001010048',
      phone: '13800000004',
      next: '',
    });
  });
});

describe('code and identity schemas', () => {
  it('accepts exactly six digits', async () => {
    const code = async (v: string) => superValidate(post({ code: v }), zod(codeStepSchema));
    expect((await code(' 123 456 ')).data.code).toBe('123456');
    expect((await code('12345')).errors.code).toEqual(['请输入6位数字验证码']);
    expect((await code('')).errors.code?.[0]).toBe('请输入验证码'); // the page shows a field's first message
    expect((await code('12345a')).valid).toBe(false);
    expect((await superValidate(post({}), zod(codeStepSchema))).errors.code?.[0]).toBe('请输入验证码');
  });
  it('needs an enterprise for 企业身份, and a choice', async () => {
    const identity = async (fields: Record<string, string>) => superValidate(post(fields), zod(identitySchema));
    expect((await identity({ kind: 'personal' })).valid).toBe(true);
    expect((await identity({ kind: 'enterprise', enterpriseId: 'e0000000-0000-4000-8000-000000000002' })).valid).toBe(
      true,
    );
    expect((await identity({ kind: 'enterprise', enterpriseId: '' })).errors.enterpriseId).toEqual([
      '请选择要办理业务的企业',
    ]);
    expect((await identity({})).errors.kind).toEqual(['请选择登录身份']);
  });
});

describe('masking', () => {
  it('masks phones like 138****0001', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('8613800000001')).toBe('138****0001');
    expect(maskPhone('+8613800000001')).toBe('138****0001');
    expect(maskPhone('12345')).toBe('');
    expect(maskPhone(null)).toBe('');
  });
  it('masks certificate numbers', () => {
    expect(maskCertNo('440106199001010013')).toBe('4401**********0013');
    expect(maskCertNo('H00000001')).toBe('H0*****01');
    expect(maskCertNo('abc')).toBe('***');
  });
});

describe('messages', () => {
  it('uses the guide’s words for a person without real-name verification', () => {
    expect(lookupMessage('not_real_name')).toBe(NOT_REAL_NAME_MESSAGE);
    expect(NOT_REAL_NAME_MESSAGE).toContain('需到“粤税通”微信小程序完成实名后，重新登录');
    expect(lookupMessage('something')).toContain('稍后再试');
  });
  it('says the same for a 社保号 off the whitelist and a wrong ID number or phone (no whitelist probing)', () => {
    expect(lookupMessage('not_whitelisted')).toBe(lookupMessage('identity_mismatch'));
    expect(lookupMessage('not_whitelisted')).toBe(SOCIAL_SECURITY_MISMATCH);
    expect(lookupMessage('something')).toContain('稍后再试');
  });
  it('maps the send refusals', () => {
    const msg = 'For security purposes, you can only request this after 42 seconds.';
    expect(secondsToWait(msg)).toBe(42);
    expect(sendFailureMessage({ status: 429, code: 'over_sms_send_rate_limit', message: msg })).toBe(
      '验证码发送过于频繁，请42秒后重新获取。',
    );
    expect(sendFailureMessage({ status: 429, code: 'over_request_rate_limit' })).toBe('操作过于频繁，请稍后再试。');
    expect(sendFailureMessage({ status: 0 })).toContain('网络异常');
    expect(sendFailureMessage({ status: 500, code: 'unexpected_failure' })).toContain('发送失败');
  });
  it('counts the remaining tries and spots dead codes', () => {
    const sent = Date.parse('2026-11-22T10:00:00Z');
    const wrong = { status: 403, code: 'otp_expired' };
    expect(verifyFailureMessage(wrong, 1, sent, sent + 10_000)).toEqual({
      message: '验证码错误，请重新输入（剩余4次）。',
      dead: false,
    });
    expect(verifyFailureMessage(wrong, 5, sent, sent + 10_000).dead).toBe(true);
    expect(verifyFailureMessage(wrong, 1, sent, sent + 301_000)).toEqual({
      message: '验证码已失效，请重新获取。',
      dead: true,
    });
    expect(verifyFailureMessage({ status: 429, code: 'over_request_rate_limit' }, 1, sent, sent).message).toContain(
      '过于频繁',
    );
  });
  it('counts down the resend', () => {
    const sent = 1_000_000;
    expect(resendWait(sent, sent + 1_000)).toBe(59);
    expect(resendWait(sent, sent + 60_000)).toBe(0);
    expect(resendLabel(59)).toBe('重新获取(59s)');
    expect(resendLabel(0)).toBe('重新获取');
  });
  it('accepts only same-origin paths as `next` (M4), whatever a browser would make of the rest', () => {
    for (const bad of [
      '/\t/evil.example/phish',
      '/\t/evil.example',
      '/\n/x',
      '/\r\n/x',
      ' //evil.example',
      '\t//evil.example',
      '/\u0000/evil.example',
      '/\u007f/evil.example',
      '\\evil.example',
      '/\\/evil.example',
      '\\/evil.example',
      '///evil.example',
      '/\t\t/evil.example',
      'http:evil.example',
      'javascript:alert(1)',
      'evil.example/x',
      '/' + 'a'.repeat(3000),
      '/x/../login',
      '/%2e%2e/login',
      '/LOGIN',
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(safeNext('/cases/1?tab=a#top')).toBe('/cases/1?tab=a#top');
    // Non-ASCII stays on the site, percent-encoded (a raw header value may not carry it).
    expect(safeNext('/guide?q=发票')).toBe('/guide?q=%E5%8F%91%E7%A5%A8');
    expect(safeNext('/a/../todos')).toBe('/todos');
  });
  it('keeps `next` on the site and sends officers to their dashboard', () => {
    expect(safeNext('/guide?x=1')).toBe('/guide?x=1');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/login?next=/x')).toBeNull();
    expect(landing('taxpayer', null)).toBe('/home');
    expect(landing('taxpayer', '/todos')).toBe('/todos');
    expect(landing('officer', '/todos')).toBe('/officer');
    expect(landing('officer', '/officer/review')).toBe('/officer/review');
  });
});
