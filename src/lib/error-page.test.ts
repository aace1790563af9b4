import { describe, expect, it } from 'vitest';
import { errorTitle } from './error-page';

describe('errorTitle', () => {
  it('says SvelteKit’s English errors in Chinese, by status', () => {
    expect(errorTitle(404, 'Not Found')).toBe('您访问的页面不存在');
    expect(errorTitle(500, 'Internal Error')).toBe('系统出错了，请稍后再试');
    expect(errorTitle(502, undefined)).toBe('系统出错了，请稍后再试');
    expect(errorTitle(418, 'I am a teapot')).toBe('页面出错了');
  });
  it('keeps the app’s own Chinese message', () => {
    expect(errorTitle(503, '系统繁忙，请稍后再试')).toBe('系统繁忙，请稍后再试');
    expect(errorTitle(403, '仅税务人员可以访问')).toBe('仅税务人员可以访问');
  });
});
