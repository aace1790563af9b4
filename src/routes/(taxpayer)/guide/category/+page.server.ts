// Step 2 of 主题定位: 业务大类, with the 个人业务/企业业务 switch when categories are meant for one audience
// (seed 1: a personal login may pick 企业业务, e.g. for 取消非正常户认定).
import { redirect } from '@sveltejs/kit';
import { loadCategories } from '$lib/guide/catalog';
import { resolveGuide } from '$lib/guide/context';
import { audienceOf, readState, stepHref, AUDIENCES } from '$lib/guide/state';
import { AUDIENCE_LABEL } from '$lib/guide/labels';
import { buildSummary } from '$lib/guide/summary';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  const input = readState(url.searchParams);
  const [g, categories] = await Promise.all([
    resolveGuide(locals.supabase, { region: input.region, aud: input.aud, answers: [] }),
    loadCategories(locals.supabase),
  ]);
  if (!g.regionPath) redirect(303, stepHref('region', {}));
  // Acting for an enterprise (T1.3) starts on 企业业务; anyone may switch.
  const { identity } = await parent();
  const aud = audienceOf(input, identity.kind);
  const hasAudiences = categories.some((c) => c.audience !== 'both');
  const shown = categories.filter((c) => c.audience === 'both' || c.audience === aud);
  return {
    summary: buildSummary(g, g.state, { showAudience: false }),
    audience: aud,
    audienceTabs: hasAudiences
      ? AUDIENCES.map((a) => ({
          value: a,
          label: AUDIENCE_LABEL[a],
          href: stepHref('category', { ...g.state, aud: a }),
        }))
      : [],
    categories: shown.map((c) => ({
      id: c.id,
      name: c.name,
      href: stepHref('subcategory', { ...g.state, aud: input.aud, cat: c.id }),
    })),
  };
};
