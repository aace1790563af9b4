// Resolves a guidance URL state into catalog rows for the page loads: the region chain, category, subcategory,
// the answered questions, topic and node. Unknown ids resolve to null; inconsistent ones are repaired from the
// more specific choice (a subcategory fixes its category, a node fixes its topic) so a stale link still works.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { loadCategory, loadNode, loadQuestionTree, loadRegionChain, loadSubcategory, loadTopic } from './catalog';
import type { GuideState } from './state';
import type { GuideContext } from './summary';
import type { GuidanceAnswer, GuidanceQuestion } from './types';
import { walk, type Walk } from './tree';

type Client = SupabaseClient<Database>;

export interface ResolvedGuide extends GuideContext {
  /** The state with repaired ids (what the URL should say). */
  state: GuideState;
  walk: Walk | null;
  tree: { questions: GuidanceQuestion[]; answers: GuidanceAnswer[] } | null;
}

export async function resolveGuide(sb: Client, input: GuideState): Promise<ResolvedGuide> {
  const state: GuideState = { ...input, answers: [...input.answers] };

  const [regionPath, node] = await Promise.all([
    state.region ? loadRegionChain(sb, state.region) : Promise.resolve(null),
    state.node ? loadNode(sb, state.node) : Promise.resolve(null),
  ]);
  if (!regionPath) state.region = undefined;
  if (!node) state.node = undefined;
  if (node) state.topic = node.topic_id;

  const topic = state.topic ? await loadTopic(sb, state.topic) : null;
  if (!topic) state.topic = undefined;
  if (topic && state.sub !== topic.subcategory_id) {
    // A topic reached from elsewhere (a favorite, an old link): its own subcategory, without a question trail.
    state.sub = topic.subcategory_id;
    state.answers = [];
  }

  const subcategory = state.sub ? await loadSubcategory(sb, state.sub) : null;
  if (!subcategory) {
    state.sub = undefined;
    state.answers = [];
  } else {
    state.cat = subcategory.category_id;
  }

  const [category, tree] = await Promise.all([
    state.cat ? loadCategory(sb, state.cat) : Promise.resolve(null),
    subcategory ? loadQuestionTree(sb, subcategory.id) : Promise.resolve(null),
  ]);
  if (!category) state.cat = undefined;

  let w: Walk | null = null;
  if (tree) {
    w = walk(tree.questions, tree.answers, state.answers);
    // A trail that does not lead to the chosen topic is dropped rather than shown wrongly.
    if (topic && w.topicId !== topic.id) {
      w = walk(tree.questions, tree.answers, []);
      state.answers = [];
    } else {
      state.answers = w.trail.map((s) => s.answer.id);
    }
  }
  const trail = w?.trail ?? [];

  return { state, regionPath, category, subcategory, trail, topic, node, walk: w, tree };
}
