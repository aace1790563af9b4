// What the error pages say: the app's own Chinese message when the error carries one (error(403, '…') in a
// load), otherwise a Chinese sentence for the status — SvelteKit's own messages ("Not Found", "Internal Error")
// are English and say nothing to a taxpayer.
const BY_STATUS: Record<number, string> = {
  400: '请求有误，请返回后重试',
  401: '请先登录',
  403: '您无权访问该页面',
  404: '您访问的页面不存在',
  405: '不支持该操作',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
  503: '系统繁忙，请稍后再试',
};

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

export function errorTitle(status: number, message: string | null | undefined): string {
  if (message && hasChinese(message)) return message;
  return BY_STATUS[status] ?? (status >= 500 ? '系统出错了，请稍后再试' : '页面出错了');
}
