// 办理路径推荐: the node's recommended handling paths (电子税务局, 粤税通, 远程可视化办税, 办税服务厅) in the
// catalog's order, each with a short explanation. 远程可视化办税 leads into the online form with node and region.
import { redirect } from '@sveltejs/kit';
import { loadPaths } from '$lib/guide/catalog';
import { resolveGuide } from '$lib/guide/context';
import { PATH_INFO, PATH_ORDER, regionLabel } from '$lib/guide/labels';
import { readState, remoteFormHref, stepHref } from '$lib/guide/state';
import type { NodePath } from '$lib/guide/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const input = readState(url.searchParams);
  const g = await resolveGuide(locals.supabase, input);
  if (!g.node || !g.topic)
    redirect(303, g.topic ? stepHref('nodes', g.state) : stepHref('region', { region: input.region }));
  const regionCode = g.regionPath?.at(-1)?.code;

  const [configured, halls] = await Promise.all([
    loadPaths(locals.supabase, g.node.id),
    regionCode
      ? locals.supabase
          .from('service_halls')
          .select('id, name, address, phone')
          .eq('region_code', regionCode)
          .eq('active', true)
          .order('sort')
      : Promise.resolve({ data: [], error: null }),
  ]);
  // A node without configured paths gets the guides' four, in their order.
  const paths: NodePath[] = configured.length
    ? configured
    : PATH_ORDER.map((path, i) => ({ path, sort: i, url: null, note: null }));

  return {
    node: { name: g.node.name },
    topic: { name: g.topic.name },
    region: g.regionPath ? regionLabel(g.regionPath) : null,
    paths: paths.map((p) => ({
      path: p.path,
      label: PATH_INFO[p.path].label,
      explain: PATH_INFO[p.path].explain,
      note: p.note,
      url: p.path === 'remote_visual' ? remoteFormHref(g.node!.id, regionCode, g.state.aud) : p.url,
    })),
    halls: halls.data ?? [],
    letterHref: stepHref('letter', g.state),
    regionHref: stepHref('region', {}),
  };
};
