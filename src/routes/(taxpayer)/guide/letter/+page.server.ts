// 一次性告知书: generated from the choices (node, topic, region): the forms with their codes, the materials with
// 必填/选填, the topic overview (主题事项概述) and the promised time (承诺办理时限). Generating it favorites the
// letter (seed 2 我的收藏 备注); the insert is idempotent, so a reload adds nothing.
import { redirect } from '@sveltejs/kit';
import { addFavorite, loadRequirements } from '$lib/guide/catalog';
import { resolveGuide } from '$lib/guide/context';
import { formTitle, modeLabels, regionLabel, requiredLabel } from '$lib/guide/labels';
import { readState, stepHref } from '$lib/guide/state';
import { formatDateTime } from '$lib/time/shanghai';
import { buildSummary } from '$lib/guide/summary';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const input = readState(url.searchParams);
  const g = await resolveGuide(locals.supabase, input);
  if (!g.node || !g.topic)
    redirect(303, g.topic ? stepHref('nodes', g.state) : stepHref('region', { region: input.region }));

  const [requirements] = await Promise.all([
    loadRequirements(locals.supabase, g.node.id),
    addFavorite(locals.supabase, g.node.id, 'letter', g.regionPath?.at(-1)?.code ?? null),
  ]);

  return {
    summary: buildSummary(g, g.state, { showAudience: !!input.aud }),
    region: g.regionPath ? regionLabel(g.regionPath) : null,
    regionHref: stepHref('region', {}),
    topic: { name: g.topic.name, overview: g.topic.overview },
    node: {
      id: g.node.id,
      name: g.node.name,
      description: g.node.description,
      days: g.node.promised_working_days,
      modes: modeLabels(g.node),
    },
    forms: requirements
      .filter((r) => r.kind === 'form' && r.form)
      .map((r) => ({
        id: r.id,
        title: formTitle(r.form!),
        required: requiredLabel(r.required),
        note: r.note,
        description: r.form!.description,
        url: r.form!.template_url,
      })),
    materials: requirements
      .filter((r) => r.kind === 'material' && r.material)
      .map((r) => ({
        id: r.id,
        title: r.material!.name,
        required: requiredLabel(r.required),
        note: r.note,
        description: r.material!.description,
      })),
    // Formatted here so the page ships no date library.
    generatedAt: formatDateTime(new Date()),
    nextHref: stepHref('paths', g.state),
    backHref: stepHref('nodes', { ...g.state, node: undefined }),
  };
};
