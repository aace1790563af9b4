// 选择业务节点: the nodes of the topic with their handling modes and promised time. Choosing one is a POST
// (it favorites the node, seed 2 我的收藏 备注) that then goes on to the 一次性告知书.
import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { addFavorite, loadNode, loadNodes, loadRegionChain } from '$lib/guide/catalog';
import { resolveGuide } from '$lib/guide/context';
import { modeLabels } from '$lib/guide/labels';
import { isUuid, readState, stepHref } from '$lib/guide/state';
import { buildSummary } from '$lib/guide/summary';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const input = readState(url.searchParams);
  const g = await resolveGuide(locals.supabase, { ...input, node: undefined });
  if (!g.topic)
    redirect(303, g.subcategory ? stepHref('questions', g.state) : stepHref('region', { region: input.region }));
  const nodes = await loadNodes(locals.supabase, g.topic.id);
  return {
    summary: buildSummary(g, g.state, { showAudience: !!input.aud }),
    needsRegion: !g.regionPath,
    regionHref: stepHref('region', {}),
    topic: { name: g.topic.name, overview: g.topic.overview },
    nodes: nodes.map((n) => ({
      id: n.id,
      name: n.name,
      description: n.description,
      modes: modeLabels(n),
      days: n.promised_working_days,
    })),
  };
};

const chooseSchema = z.object({ node: z.string().refine(isUuid) });

export const actions: Actions = {
  default: async ({ locals, request, url }) => {
    const form = await superValidate(request, zod(chooseSchema));
    if (!form.valid) return refuse(400, { form }, '请选择业务节点');
    const state = readState(url.searchParams);
    const [node, chain] = await Promise.all([
      loadNode(locals.supabase, form.data.node),
      state.region ? loadRegionChain(locals.supabase, state.region) : Promise.resolve(null),
    ]);
    if (!node) return refuse(400, { form }, '该业务节点不存在或已停办');
    if (state.topic && node.topic_id !== state.topic) error(400, '业务节点与主题不符');
    await addFavorite(locals.supabase, node.id, 'node', chain?.at(-1)?.code ?? null);
    redirect(303, stepHref('letter', { ...state, topic: node.topic_id, node: node.id }));
  },
};
