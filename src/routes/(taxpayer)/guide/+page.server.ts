// Step 1 of 主题定位: the region (province → city → district). ?region= holds the deepest level picked so far;
// the page lists the next level. A district (or a region without children) ends the step.
import { redirect } from '@sveltejs/kit';
import { loadChildRegions, loadRegionChain } from '$lib/guide/catalog';
import { readState, stepHref } from '$lib/guide/state';
import type { Region } from '$lib/guide/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const sb = locals.supabase;
  const state = readState(url.searchParams);

  let chain: Region[];
  if (state.region) {
    const found = await loadRegionChain(sb, state.region);
    if (!found) redirect(303, '/guide');
    chain = found;
  } else {
    // Only one province (the Guangdong deployment): it is the choice, so start with its cities.
    const provinces = await loadChildRegions(sb, null);
    if (provinces.length !== 1)
      return { chain: [], options: provinces.map((r) => option(r)), level: 'province' as const, leaf: null };
    chain = provinces;
  }

  const last = chain[chain.length - 1];
  const children = last.level === 'district' ? [] : await loadChildRegions(sb, last.code);
  const level = last.level === 'province' ? ('city' as const) : ('district' as const);
  return {
    chain: chain.map((r) => ({
      code: r.code,
      name: r.name,
      href: stepHref('region', { region: r.parent_code ?? undefined }),
    })),
    options: children.map((r) => option(r)),
    level,
    // A region with nothing below it can be the handling region as it is.
    leaf: children.length === 0 ? stepHref('category', { region: last.code }) : null,
  };
};

/** A district goes straight on to the categories; a province or city opens its next level. */
function option(r: Region) {
  return {
    code: r.code,
    name: r.name,
    href: r.level === 'district' ? stepHref('category', { region: r.code }) : stepHref('region', { region: r.code }),
  };
}
