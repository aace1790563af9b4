// /forms/new?node=<business node>&region=<region code>[&aud=enterprise][&enterprise=<id>]: where 远程可视化办税
// leads (smart guidance). Creates the draft through save_draft — with the hall preselected when the region has
// exactly one — and opens it. Coming back to the link (reload, back button) reopens a fresh untouched draft of the
// same node instead of piling up empty drafts.
// 企业业务 entered with 个人身份 (seed 1 §1.1 备注: 取消非正常户认定): the page first asks which of the enterprises
// the person may act for the form is for (or says they have none and how to be authorized); the database refuses
// an enterprise-only business without one (enterprise_required).
import { signedInUser } from '$lib/server/access';
import { error, redirect } from '@sveltejs/kit';
import { loadHalls } from '$lib/forms/load';
import { isUuid } from '$lib/forms/schema';
import { refusalText } from '$lib/refusals';
import { listEnterprises, readActingEnterprise, RELATION_LABEL } from '$lib/server/login/identity';
import type { Database } from '$lib/database.types';
import type { PageServerLoad } from './$types';

type SaveDraftArgs = Database['public']['Functions']['save_draft']['Args'];

const REGION = /^\d{6}$/;
const REUSE_WINDOW_MS = 30 * 60 * 1000;

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
  const user = signedInUser(locals);
  const sb = locals.supabase;
  const node = url.searchParams.get('node') ?? '';
  const regionParam = url.searchParams.get('region') ?? '';
  if (!isUuid(node)) error(400, '缺少业务节点，请先通过智能导税选择业务');
  const nodeId = node.toLowerCase();
  const { data: nodeRow } = await sb
    .from('business_nodes')
    .select('id, name, topic:topics(subcategory:business_subcategories(category:business_categories(audience)))')
    .eq('id', nodeId)
    .eq('active', true)
    .maybeSingle();
  if (!nodeRow) error(404, '业务节点不存在或已停用，请重新通过智能导税选择');
  let region: string | null = null;
  if (REGION.test(regionParam)) {
    const { data } = await sb.from('regions').select('code').eq('code', regionParam).eq('active', true).maybeSingle();
    region = data?.code ?? null;
  }

  // 企业身份 chosen at login (T1.3): the form is the enterprise's, so its other agents see it too. With 个人身份,
  // 企业业务 (chosen in 智能导税, or a business only enterprises do) asks which enterprise first.
  let enterprise: { id: string } | null = await readActingEnterprise(locals, cookies);
  const enterpriseOnly = nodeRow.topic?.subcategory?.category?.audience === 'enterprise';
  if (!enterprise && (enterpriseOnly || url.searchParams.get('aud') === 'enterprise')) {
    const mine = await listEnterprises(locals);
    const chosen = url.searchParams.get('enterprise');
    enterprise = mine.find((e) => e.id === chosen) ?? null;
    if (!enterprise) {
      const personal = new URLSearchParams({ node: nodeId });
      if (region) personal.set('region', region);
      return {
        node: { id: nodeId, name: nodeRow.name },
        region,
        enterprises: mine.map((e) => ({ ...e, relationLabel: RELATION_LABEL[e.relation] ?? e.relation })),
        // Sent (the list's `choose` field) without a choice, or with one the person may not act for.
        error: url.searchParams.has('choose') ? '请选择要办理业务的企业' : null,
        // A business for persons and enterprises alike may still be done in one's own name.
        personalHref: enterpriseOnly ? null : `/forms/new?${personal}`,
      };
    }
  }

  // An untouched draft of the same node, region and identity made moments ago (the same link opened again).
  const { data: recent } = await sb
    .from('forms')
    .select('id, region_code, agent_name, agent_contact, description, created_at, updated_at, attachments(id)')
    .eq('owner_id', user.id)
    .eq('node_id', nodeId)
    .eq('status', 'draft')
    .filter('enterprise_id', enterprise ? 'eq' : 'is', enterprise ? enterprise.id : null)
    .order('created_at', { ascending: false })
    .limit(1);
  const last = recent?.[0];
  if (
    last &&
    last.region_code === region &&
    !last.agent_name &&
    !last.agent_contact &&
    !last.description &&
    last.attachments.length === 0 &&
    Date.now() - Date.parse(last.created_at) < REUSE_WINDOW_MS
  ) {
    redirect(303, `/forms/${last.id}`);
  }

  const halls = region ? await loadHalls(sb, region) : [];
  // p_form_id null makes a new form. The generator types RPC arguments without null (it cannot tell which take
  // it), so this argument alone is widened here; the others are left out for their default, null.
  const create: Omit<SaveDraftArgs, 'p_form_id'> & { p_form_id: string | null } = {
    p_form_id: null,
    p_node_id: nodeId,
    p_hall_id: halls.length === 1 ? halls[0].id : undefined,
    p_region_code: region ?? undefined,
    p_enterprise_id: enterprise?.id,
  };
  const { data, error: e } = await sb.rpc('save_draft', create as SaveDraftArgs);
  if (e || !data) error(400, refusalText(e, '创建填单失败，请稍后再试'));
  redirect(303, `/forms/${data.id}`);
};
