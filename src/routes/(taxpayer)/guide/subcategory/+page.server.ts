// Step 3 of 主题定位: 业务小类 of the chosen category.
import { redirect } from '@sveltejs/kit';
import { loadSubcategories } from '$lib/guide/catalog';
import { resolveGuide } from '$lib/guide/context';
import { readState, stepHref } from '$lib/guide/state';
import { buildSummary } from '$lib/guide/summary';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const input = readState(url.searchParams);
  const g = await resolveGuide(locals.supabase, { region: input.region, aud: input.aud, cat: input.cat, answers: [] });
  if (!g.regionPath) redirect(303, stepHref('region', {}));
  if (!g.category) redirect(303, stepHref('category', g.state));
  const subs = await loadSubcategories(locals.supabase, g.category.id);
  return {
    summary: buildSummary(g, g.state, { showAudience: !!input.aud }),
    subcategories: subs.map((s) => ({
      id: s.id,
      name: s.name,
      href: stepHref('questions', { ...g.state, sub: s.id }),
    })),
  };
};
