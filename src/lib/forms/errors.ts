// The form RPCs refuse with a code in the error message (private.fail: message = code, details = English
// detail); this turns them into what the taxpayer reads. Unknown codes get a generic line, never a 5xx.
export interface RpcError {
  message: string;
  details?: string | null;
  code?: string | null;
}

const MESSAGES: Record<string, string> = {
  description_too_long: '描述不能超过200字',
  agent_invalid: '经办人姓名和联系方式不能超过50个字符',
  node_invalid: '业务节点不存在或已停用，请重新通过智能导税选择',
  hall_invalid: '所选税务机构不可用，请重新选择',
  region_invalid: '办理地区无效，请重新选择',
  hall_required: '请选择办理税务机构',
  not_found: '填单不存在或无权查看',
  wrong_state: '该填单已提交或当前不能修改',
  fixed_after_submit: '已提交的填单不能更改业务、税务机构或企业',
  requirement_invalid: '资料项与该业务不符',
  object_path_invalid: '文件位置无效，请重新上传',
  object_missing: '文件未上传完成，请重新上传',
  not_signed_in: '登录已失效，请重新登录',
  not_allowed: '无权进行此操作',
};

/** The refusal code of an RPC error (private.fail puts it in message). */
export const rpcCode = (e: RpcError | null | undefined) => (e?.message ?? '').trim();

export function rpcMessage(e: RpcError | null | undefined, fallback = '操作失败，请稍后再试'): string {
  const code = rpcCode(e);
  if (code === 'required_missing') {
    // details: '必填项未提交: A02095 代开增值税发票缴款申报单、…'
    const list = (e?.details ?? '').replace(/^必填项未提交[:：]\s*/, '');
    return list ? `必填项未提交：${list}` : '有必填项未提交';
  }
  return MESSAGES[code] ?? fallback;
}
