// What a person reads when the database refuses: the Chinese text of every code the migrations raise (through
// private.fail, which puts the code in the error's `message` and an English explanation in `details`, or a plain
// `raise exception using message = '<code>'`). One text per code, for every page, action and endpoint; a test
// (refusals.test.ts) reads supabase/migrations and fails when a code has no text or a text has no code.
import { SOCIAL_SECURITY_MISMATCH } from '$lib/login/messages';

export const REFUSAL = {
  // Who may act
  not_signed_in: '登录已失效，请重新登录',
  not_verified: '您尚未完成实名认证，请使用证件重新登录',
  not_allowed: '无权进行此操作',
  // Found, and in a state that allows it
  not_found: '记录不存在或无权查看，请刷新页面后重试',
  wrong_state: '当前状态不能进行此操作，请刷新页面后查看最新状态',
  case_closed: '任务已结束',
  append_only: '该记录只能新增，不能修改或删除',
  immutable_column: '任务的基本信息不能修改',
  task_numbers_exhausted: '今日任务号已用完，请明日再试',
  calendar_invalid: '工作日历配置有误，请联系管理员',
  // Forms and their files (在线填单)
  description_too_long: '描述不能超过200字',
  agent_invalid: '经办人姓名和联系方式不能超过50个字符',
  node_invalid: '业务节点不存在或已停用，请重新通过智能导税选择',
  enterprise_required: '该业务须以企业名义办理，请先选择要办理的企业',
  hall_invalid: '所选税务机构不可用，请重新选择',
  region_invalid: '办理地区无效，请重新选择',
  hall_required: '请选择办理税务机构',
  fixed_after_submit: '已提交的填单不能更改业务、税务机构或企业',
  required_missing: '有必填项未提交',
  requirement_invalid: '资料项与该业务不符',
  object_path_invalid: '文件位置无效，请重新上传',
  object_missing: '文件未上传完成，请重新上传',
  form_not_editable: '该填单已提交，不能再更改文件',
  upload_expired: '上传链接已过期，请重新上传',
  minutes_invalid: '上传授权时长须为1至30分钟',
  // Handling mode, booking and tickets (办理方式, 预约, 出票)
  mode_not_allowed: '该业务不支持此办理方式',
  due_at_invalid: '后台帮办时间须晚于现在，且在可预约范围内',
  not_working_day: '请选择工作日',
  signature_invalid: '人机验证无效，请重新验证',
  slot_invalid: '请选择预约时间段',
  slot_unavailable: '该时间段已不可预约，请选择其他时间段',
  slot_full: '该时间段已约满，请选择其他时间段',
  code_invalid: '授权码无效或已过期，请向现场导税员重新获取',
  code_used: '该授权码已被使用，不能撤销',
  ticket_window_not_open: '未到出票时间',
  ticket_window_closed: '出票时间已过',
  review_not_approved: '审核通过后才能继续办理',
  resubmission_expired: '已超过重新提交资料时间',
  reason_too_long: '原因不能超过200字',
  // Officers' work (审核, 后台帮办, 叫号, 支付)
  status_invalid: '请选择在线、暂离或忙碌',
  queue_empty: '当前没有等候办理的任务',
  taken_by_other: '该任务已由其他税务人员领取',
  documents_frozen: '任务已办结，结果文书不能再更改',
  feedback_required: '请填写审核不通过的原因（1至500字）',
  deadline_invalid: '补充资料截止时间须晚于现在，且不超过60天',
  outcome_required: '请选择办理结果',
  note_too_long: '备注过长，请精简后再提交',
  payment_open: '尚有未完成的支付',
  already_serving: '请先办结或弃号当前正在办理的票号',
  abandon_too_early: '请先重呼，重呼后稍等片刻再弃号（纳税人可能刚错过提醒）',
  reactivation_expired: '已超过弃号激活时间',
  ticket_no_invalid: '票号只能包含字母和数字',
  bind_code_invalid: '校验码为8至32位字母或数字',
  already_bound: '该票号已被绑定',
  amount_invalid: '支付金额须大于0',
  receipts_count_invalid: '支付回执图片数量不符合要求，请重新上传',
  decision_required: '请选择确认或驳回',
  // Rooms, guidance and video (征纳互动, 人工导税)
  kind_invalid: '消息类型无效',
  body_required: '请输入消息内容',
  body_too_long: '消息不能超过2000字',
  topic_too_long: '咨询主题不能超过200字',
  already_in_guidance: '您已有进行中的人工导税，请勿重复发起',
  guidance_closed: '本次人工导税已结束',
  not_in_guidance: '您当前没有进行中的人工导税，请由现场导税员输入授权码',
  guidance_other_hall: '正在为您导税的税务人员不负责该任务的办税服务厅，请由现场导税员输入授权码',
  instant_request_pending: '您已为另一项任务请求授权，请等待税务人员处理',
  no_instant_request: '纳税人尚未请求授权，或请求已处理',
  video_busy: '当前已有视频通话',
  video_not_active: '视频通话已结束或尚未接通',
  guest_invalid: '只能邀请该企业的其他办税人员或本厅的税务人员',
  consent_required: '请选择同意或不同意',
  webhook_invalid: '视频服务的通知无效',
  accept_required: '请选择接听或拒绝',
  // Login and the workers' calendar
  identity_mismatch: SOCIAL_SECURITY_MISMATCH,
  phone_invalid: '请输入11位中国大陆手机号码',
  event_invalid: '登录事件无效',
  day_invalid: '日期无效',
  from_day_invalid: '起始日期无效',
  from_invalid: '起始日期无效',
  days_invalid: '天数须为1至366天',
  working_days_invalid: '工作日天数须为0至366天',
  limit_invalid: '每次列出的数量须为1至1000',
} as const satisfies Record<string, string>;

export type RefusalCode = keyof typeof REFUSAL;

/** The shape of a PostgrestError that matters here (supabase-js returns it from rpc() and from()). */
export interface DbError {
  message: string;
  details?: string | null;
  code?: string | null;
}

const isCode = (s: string): s is RefusalCode => Object.hasOwn(REFUSAL, s);

/** The refusal code of a database error, or null when it is not one of ours (a network or PostgREST error). */
export function refusalCode(e: DbError | null | undefined): RefusalCode | null {
  const code = (e?.message ?? '').trim();
  return isCode(code) ? code : null;
}

/** What the person reads for a database error: its code's text, else `fallback` (never the raw message). */
export function refusalText(e: DbError | null | undefined, fallback = '操作失败，请稍后再试'): string {
  const code = refusalCode(e);
  if (!code) return fallback;
  if (code === 'required_missing') {
    // details: '必填项未提交: A02095 代开增值税发票缴款申报单、…' (written in Chinese by submit_form)
    const list = (e?.details ?? '').replace(/^必填项未提交[:：]\s*/, '');
    return list ? `必填项未提交：${list}` : REFUSAL.required_missing;
  }
  return REFUSAL[code];
}
