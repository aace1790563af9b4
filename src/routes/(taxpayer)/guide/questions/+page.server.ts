// Step 4 of 主题定位: the questions of the subcategory. ?a= (repeated) holds the answers given, in order; each
// answer is a link that appends itself, or, when it reaches a topic, goes straight on to 选择业务节点.
// A subcategory without questions lists its topics instead.
import { redirect } from '@sveltejs/kit';
import { loadTopicsOf } from '$lib/guide/catalog';
import { resolveGuide } from '$lib/guide/context';
import { readState, stepHref, toQuery } from '$lib/guide/state';
import { buildSummary } from '$lib/guide/summary';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const input = readState(url.searchParams);
  const g = await resolveGuide(locals.supabase, { ...input, topic: undefined, node: undefined });
  if (!g.regionPath) redirect(303, stepHref('region', {}));
  if (!g.subcategory) redirect(303, g.category ? stepHref('subcategory', g.state) : stepHref('category', g.state));
  const w = g.walk!;

  // Answers that do not fit the tree: show the clean URL of what does fit.
  if (!w.valid || toQuery('questions', g.state) !== toQuery('questions', input)) {
    redirect(303, stepHref('questions', g.state));
  }
  // A trail that already reached its topic (e.g. an old link): the topic's nodes are the next page.
  if (w.topicId) redirect(303, stepHref('nodes', { ...g.state, topic: w.topicId }));

  const summary = buildSummary(g, g.state, { showAudience: !!input.aud });
  if (!w.current) {
    const topics = await loadTopicsOf(locals.supabase, g.subcategory.id);
    return {
      summary,
      question: null,
      choices: [],
      topics: topics.map((t) => ({ id: t.id, name: t.name, href: stepHref('nodes', { ...g.state, topic: t.id }) })),
    };
  }
  return {
    summary,
    question: { id: w.current.id, prompt: w.current.prompt, number: w.trail.length + 1 },
    choices: w.choices.map((a) => ({
      id: a.id,
      label: a.label,
      href: a.topic_id
        ? stepHref('nodes', { ...g.state, answers: [...g.state.answers, a.id], topic: a.topic_id })
        : stepHref('questions', { ...g.state, answers: [...g.state.answers, a.id] }),
    })),
    topics: [],
  };
};
