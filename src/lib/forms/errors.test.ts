import { describe, expect, it } from 'vitest';
import { rpcMessage } from './errors';

describe('RPC refusals in Chinese', () => {
  it('lists the missing required items from submit_form', () => {
    expect(rpcMessage({ message: 'required_missing', details: '必填项未提交: A02095 代开增值税发票缴款申报单、纳税人（缴费人）身份证件' })).toBe(
      '必填项未提交：A02095 代开增值税发票缴款申报单、纳税人（缴费人）身份证件',
    );
  });
  it('maps known codes and falls back for unknown ones', () => {
    expect(rpcMessage({ message: 'wrong_state' })).toBe('该填单已提交或当前不能修改');
    expect(rpcMessage({ message: 'something else' }, '保存失败')).toBe('保存失败');
    expect(rpcMessage(null)).toBe('操作失败，请稍后再试');
  });
});
