import { describe, expect, it } from 'vitest';
import { formTitle, maskName, maskPhone, modeLabels, regionLabel, requirementTitle, requiredLabel } from './labels';

describe('labels', () => {
  it('prints a form with its code the way the letter shows it', () => {
    expect(formTitle({ code: 'A02095', name: '代开增值税发票缴款申报单' })).toBe('A02095《代开增值税发票缴款申报单》');
    expect(
      requirementTitle({
        id: 'r',
        kind: 'material',
        required: false,
        note: null,
        sort: 0,
        form: null,
        material: { name: '居民身份证复印件', description: null },
      }),
    ).toBe('居民身份证复印件');
  });

  it('labels handling modes and requiredness', () => {
    expect(modeLabels({ allows_online: true, allows_back_office: true })).toEqual(['在线帮办', '后台帮办']);
    expect(modeLabels({ allows_online: false, allows_back_office: true })).toEqual(['后台帮办']);
    expect(requiredLabel(true)).toBe('必填');
    expect(requiredLabel(false)).toBe('选填');
  });

  it('joins a region chain', () => {
    expect(regionLabel([{ name: '广东省' }, { name: '珠海市' }, { name: '香洲区' }])).toBe('广东省 / 珠海市 / 香洲区');
  });

  it('masks phones in every format Auth and profiles use', () => {
    expect(maskPhone('8613812341234')).toBe('138****1234');
    expect(maskPhone('+8613812341234')).toBe('138****1234');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('12345')).toBe('');
  });

  it('masks names but the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李');
    expect(maskName('  ')).toBe('');
    expect(maskName(undefined)).toBe('');
  });
});
