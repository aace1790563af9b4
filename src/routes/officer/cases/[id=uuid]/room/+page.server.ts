// 征纳互动 of one case, the officer's side: any case officer of the case's hall may open it — the database decides
// (RLS on cases and conversations through the officer's own client: 404 for a case they cannot see). The header
// shows the task number, the business and the taxpayer, and links the task page where one exists for the
// officer's duties (资料审核 /officer/review/<id>, 后台帮办 /officer/back-office/<id>). The composer offers the
// officer's 常用语 (canned replies of the case's hall and the global ones).
import { error } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/access';
import { caseRoomId, loadMessages, othersReadUpto } from '$lib/room';
import { roomVideo } from '$lib/server/video';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const user = signedInUser(locals);
  const sb = locals.supabase;
  const { data: c, error: e } = await sb
    .from('cases')
    .select(
      'id, task_no, mode, owner_id, hall_id, hall:service_halls(name), node:business_nodes(name, topic:topics(name)), enterprise:enterprises(name)',
    )
    .eq('id', params.id.toLowerCase())
    .maybeSingle();
  if (e) throw new Error(`case: ${e.message}`);
  const roomId = c ? await caseRoomId(sb, c.id) : null;
  if (!c || !roomId) error(404, '任务不存在或无权查看');
  const [{ officer }, owner, page, readUpto, canned, video] = await Promise.all([
    parent(),
    sb.from('profiles').select('full_name').eq('id', c.owner_id).maybeSingle(),
    loadMessages(sb, roomId),
    othersReadUpto(sb, roomId, user.id),
    // 常用语: RLS gives the active replies of the officer's halls and the global ones; the case's hall's and the
    // global ones are offered here.
    sb.from('canned_replies').select('id, body, hall_id').order('sort_order').order('body'),
    roomVideo(sb, roomId),
  ]);
  if (canned.error) throw new Error(`canned replies: ${canned.error.message}`);
  const cannedReplies = (canned.data ?? [])
    .filter((r) => r.hall_id === null || r.hall_id === c.hall_id)
    .map((r) => ({ id: r.id, body: r.body }));
  const links: { href: string; label: string }[] = [];
  if (officer.duties.includes('reviewer')) links.push({ href: `/officer/review/${c.id}`, label: '资料审核' });
  if (c.mode === 'back_office' && officer.duties.includes('back_office'))
    links.push({ href: `/officer/back-office/${c.id}`, label: '后台帮办' });
  return {
    kase: {
      id: c.id,
      taskNo: c.task_no,
      ownerId: c.owner_id,
      hallId: c.hall_id,
      hallName: c.hall?.name ?? '',
      topic: c.node?.topic?.name ?? c.node?.name ?? '',
      node: c.node?.name ?? '',
      taxpayer: owner.data?.full_name || '（未登记姓名）',
      enterprise: c.enterprise?.name ?? null,
    },
    links,
    cannedReplies,
    roomId,
    me: user.id,
    ...page,
    readUpto,
    video,
  };
};
