// 办理方式 after 提交 (SPEC T4, seed 1 §4 and §7.1–7.3): every dialog of the guide is a step of this page
// (?step=…) and every button a form action, so the flow also works as plain pages without JavaScript.
//   choose      授权后台帮办 (both modes / back-office only) or 当前任务支持接入即时在线帮办，是否接入？ (online only)
//   estimate    预计完成日期 → 同意 / 不同意
//   disagree    指定后台帮办时间 / 即时在线帮办 / 预约在线帮办
//   specify     指定后台帮办时间 (date and time)
//   instant     授权即时帮办 (on-site guide's code, or — in 人工导税 — 请求导税员授权 and the serving officer's decision)
//   appointment 预约信息 (date, slot with 余 N, human check, 确认提交)
import { signedInUser } from '$lib/server/access';
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { loadCase } from '$lib/cases/query';
import { groupSlots, pickDay, type SlotDay } from '$lib/cases/slots';
import { addDays, nextWorkingDays } from '$lib/cases/workdays';
import type { CaseView } from '$lib/cases/types';
import { captcha, CAPTCHA_MESSAGE } from '$lib/server/captcha';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import { noFields, refuse, zod } from '$lib/server/validate';
import { refusalText } from '$lib/refusals';
import { choice } from '$lib/validation';
import { fromShanghai, shanghaiDay } from '$lib/time/shanghai';
import type { Actions, PageServerLoad } from './$types';
import { keys } from '$lib/keys';

const STEPS = ['choose', 'estimate', 'disagree', 'specify', 'instant', 'appointment'] as const;
export type Step = (typeof STEPS)[number];

const stepSchema = z.enum(STEPS).catch('choose');
// One form per step; each answers under its step's key, so the page reads the form of the step it shows.
const chooseSchema = z.object({
  authorize: z.boolean(),
  next: choice(['confirm', 'instant', 'appointment'], '请选择办理方式'),
});
const BACK_OFFICE_TIMES = ['09:00', '10:00', '11:00', '12:00', '14:00', '15:00', '16:00', '17:00'] as const;
const specifySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期'),
  time: choice(BACK_OFFICE_TIMES, '请选择时间'),
});
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '授权码为6位数字'),
});
const bookSchema = z.object({
  slot: z.uuid({ error: '请选择预约时间段' }),
  day: z.string().default(''),
  altcha: z.string().default(''),
});

export type Modes = 'both' | 'online' | 'back_office';
const modesOf = (c: CaseView): Modes =>
  c.allowsOnline && c.allowsBackOffice ? 'both' : c.allowsOnline ? 'online' : 'back_office';

function allowed(step: Step, modes: Modes): boolean {
  if (step === 'estimate' || step === 'specify') return modes !== 'online';
  if (step === 'disagree') return modes === 'both';
  if (step === 'instant' || step === 'appointment') return modes !== 'back_office';
  return true;
}

async function openCase(locals: App.Locals, params: { id: string }): Promise<CaseView> {
  const c = await loadCase(locals.supabase, params.id);
  if (!c) error(404, '任务不存在');
  return c;
}

/** A case that has its mode already goes to its timeline. */
function requireChoosing(c: CaseView) {
  if (c.status !== 'submitted') redirect(303, `/cases/${c.id}`);
}

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  const user = signedInUser(locals);
  const c = await openCase(locals, params);
  depends(keys.case(c.id));
  requireChoosing(c);
  const modes = modesOf(c);
  const asked = stepSchema.parse(url.searchParams.get('step') ?? 'choose');
  const step: Step = allowed(asked, modes) ? asked : 'choose';
  const base = {
    case: c,
    modes,
    step,
    estimate: null as string | null,
    workDays: null as string[] | null,
    times: null as string[] | null,
    inGuidance: false,
    /** In 人工导税: this case's latest request to the serving officer in the session (T7.2), if any. */
    instantRequest: null as { status: 'pending' | 'declined'; reason: string | null } | null,
    slotDays: null as SlotDay[] | null,
    day: null as SlotDay | null,
  };

  if (step === 'estimate') {
    const { data, error: err } = await locals.supabase.rpc('back_office_estimate', { p_case_id: c.id });
    if (err || !data) error(500, '无法计算预计完成日期');
    return { ...base, estimate: String(data) };
  }
  if (step === 'specify') {
    const today = shanghaiDay(Date.now());
    const { data } = await locals.supabase
      .from('working_calendar')
      .select('day, kind')
      .gte('day', today)
      .lte('day', addDays(today, 60));
    const days = nextWorkingDays(today, 10, data ?? []);
    return { ...base, workDays: days, times: [...BACK_OFFICE_TIMES] };
  }
  if (step === 'instant') {
    const { data: g } = await locals.supabase
      .from('guidance_sessions')
      .select('id')
      .eq('taxpayer_id', user.id)
      .eq('status', 'active')
      .maybeSingle();
    if (!g) return base;
    const { data: r } = await locals.supabase
      .from('instant_requests')
      .select('status, reason')
      .eq('guidance_session_id', g.id)
      .eq('case_id', c.id)
      .order('asked_at', { ascending: false })
      .limit(1)
      .maybeSingle();
    const open =
      r && (r.status === 'pending' || r.status === 'declined') ? { status: r.status, reason: r.reason } : null;
    return { ...base, inGuidance: true, instantRequest: open };
  }
  if (step === 'appointment') {
    const { data: settings } = await locals.supabase.from('settings').select('booking_horizon_days').maybeSingle();
    const today = shanghaiDay(Date.now());
    const { data: rows, error: err } = await locals.supabase
      .from('slots')
      .select('id, day, starts_at, ends_at, capacity, booked, active')
      .eq('hall_id', c.hallId)
      .eq('active', true)
      .gte('day', today)
      .lte('day', addDays(today, settings?.booking_horizon_days ?? 14))
      .order('starts_at');
    if (err) error(500, '无法读取预约时间段');
    const days = groupSlots(rows, Date.now());
    const day = pickDay(days, url.searchParams.get('day'));
    return { ...base, slotDays: days, day };
  }
  return base;
};

export const actions: Actions = {
  choose: async ({ locals, params, request }) => {
    const c = await openCase(locals, params);
    requireChoosing(c);
    const modes = modesOf(c);
    const choose = await superValidate(request, zod(chooseSchema));
    if (!choose.valid) return refuse(400, { choose }, '请选择办理方式');
    const { authorize, next } = choose.data;
    if (next === 'confirm') {
      if (authorize && modes !== 'online') redirect(303, `/cases/${c.id}/handling?step=estimate`);
      return refuse(
        400,
        { choose },
        modes === 'back_office'
          ? '该业务仅支持后台帮办，请勾选“授权后台帮办”后点击“确定”'
          : '请勾选“授权后台帮办”，或选择“即时在线帮办”/“预约时间在线帮办”',
      );
    }
    if (modes === 'back_office') return refuse(400, { choose }, '该业务不支持在线帮办');
    redirect(303, `/cases/${c.id}/handling?step=${next}`);
  },

  agree: async ({ locals, params, request }) => {
    const c = await openCase(locals, params);
    requireChoosing(c);
    const agree = await superValidate(request, zod(noFields));
    const { error: err } = await locals.supabase.rpc('authorize_back_office', { p_case_id: c.id });
    if (err) return refuse(400, { agree }, refusalText(err, '授权后台帮办失败，请稍后再试'));
    redirect(303, `/cases/${c.id}?done=back_office`);
  },

  specify: async ({ locals, params, request }) => {
    const c = await openCase(locals, params);
    requireChoosing(c);
    const specify = await superValidate(request, zod(specifySchema));
    if (!specify.valid) return fail(400, { specify });
    const due = fromShanghai(specify.data.date, specify.data.time);
    const { error: err } = await locals.supabase.rpc('authorize_back_office', {
      p_case_id: c.id,
      p_due_at: due.toISOString(),
    });
    if (err) return refuse(400, { specify }, refusalText(err, '指定后台帮办时间失败，请稍后再试'));
    redirect(303, `/cases/${c.id}?done=back_office`);
  },

  instant: async ({ locals, params, request }) => {
    const c = await openCase(locals, params);
    requireChoosing(c);
    const instant = await superValidate(request, zod(codeSchema));
    const code = instant.data.code;
    instant.data.code = ''; // a one-time secret: never sent back into the form
    if (!instant.valid) return fail(400, { instant });
    const { error: err } = await locals.supabase.rpc('request_instant', { p_case_id: c.id, p_code: code });
    if (err) return refuse(400, { instant }, refusalText(err, '授权失败，请稍后再试'), 'code');
    redirect(303, `/cases/${c.id}?done=instant`);
  },

  // 请求导税员授权 (seed 1 §7.2 注): the serving officer sees it live on their session page and decides.
  ask: async ({ locals, params, request }) => {
    const c = await openCase(locals, params);
    requireChoosing(c);
    const ask = await superValidate(request, zod(noFields));
    const { error: err } = await locals.supabase.rpc('ask_instant_approval', { p_case_id: c.id });
    if (err) return refuse(400, { ask }, refusalText(err, '请求授权失败，请稍后再试'));
    redirect(303, `/cases/${c.id}/handling?step=instant`);
  },

  book: async ({ locals, params, request }) => {
    const user = signedInUser(locals);
    const c = await openCase(locals, params);
    requireChoosing(c);
    const book = await superValidate(request, zod(bookSchema));
    const solution = book.data.altcha;
    book.data.altcha = ''; // spent either way: a new check starts after any answer
    if (!book.valid) return fail(400, { book });
    const check = await captcha.verify(solution, user.id);
    if (!check.ok) return refuse(400, { book }, CAPTCHA_MESSAGE[check.reason], 'altcha');
    // book_appointment is service role only (the database cannot see the captcha): this server, which just
    // verified and spent the solution, books for the signed-in taxpayer; the database checks they are a party.
    const { error: err } = await supabaseAdmin().rpc('book_appointment', {
      p_case_id: c.id,
      p_slot_id: book.data.slot,
      p_taxpayer_id: user.id,
    });
    if (err) {
      book.data.slot = ''; // the slots are reloaded: choose again
      return refuse(409, { book }, refusalText(err, '预约失败，请稍后再试'), 'slot');
    }
    redirect(303, `/cases/${c.id}?done=booked`);
  },
};
