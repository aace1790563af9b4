// Reading the guidance catalog and writing favorites through the caller's own Supabase client (RLS applies:
// the catalog is readable by every signed-in user, favorites only by their owner). No secrets here; the load
// functions pass locals.supabase in. Each function throws on a database error so the page shows 500, and
// returns null/[] for "not there".
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type {
  BusinessNode,
  Category,
  FavoriteKind,
  GuidanceAnswer,
  GuidanceQuestion,
  NodePath,
  Region,
  Subcategory,
  Topic,
} from './types';
import { candidateChain, chainFrom, missingParent } from './regions';

type Client = SupabaseClient<Database>;

class CatalogError extends Error {}

function check<T>(res: { data: T | null; error: { message: string } | null }, what: string): T | null {
  if (res.error) throw new CatalogError(`${what}: ${res.error.message}`);
  return res.data;
}

const REGION_COLS = 'code, name, level, parent_code, sort';

/** Province → … → the region; null when the code is unknown or inactive. */
export async function loadRegionChain(sb: Client, code: string): Promise<Region[] | null> {
  const rows: Region[] =
    check(
      await sb.from('regions').select(REGION_COLS).in('code', candidateChain(code)).eq('active', true),
      'regions',
    ) ?? [];
  // Codes that do not follow the 2-2-2 structure: fetch the missing parents one by one.
  for (let i = 0; i < 4 && !chainFrom(rows, code); i++) {
    const missing = missingParent(rows, code);
    if (!missing) break;
    const row = check(
      await sb.from('regions').select(REGION_COLS).eq('code', missing).eq('active', true).maybeSingle(),
      'regions',
    );
    if (!row) return null;
    rows.push(row);
  }
  return chainFrom(rows, code);
}

/** Active regions under a parent (provinces when parent is null), in picker order. */
export async function loadChildRegions(sb: Client, parent: string | null): Promise<Region[]> {
  let q = sb.from('regions').select(REGION_COLS).eq('active', true);
  q = parent === null ? q.is('parent_code', null) : q.eq('parent_code', parent);
  return check(await q.order('sort').order('code'), 'regions') ?? [];
}

export async function loadCategories(sb: Client): Promise<Category[]> {
  const res = await sb
    .from('business_categories')
    .select('id, name, audience, sort')
    .eq('active', true)
    .order('sort')
    .order('name');
  return check(res, 'business_categories') ?? [];
}

export async function loadCategory(sb: Client, id: string): Promise<Category | null> {
  const res = await sb
    .from('business_categories')
    .select('id, name, audience, sort')
    .eq('id', id)
    .eq('active', true)
    .maybeSingle();
  return check(res, 'business_categories');
}

export async function loadSubcategories(sb: Client, categoryId: string): Promise<Subcategory[]> {
  const res = await sb
    .from('business_subcategories')
    .select('id, category_id, name, sort')
    .eq('category_id', categoryId)
    .eq('active', true)
    .order('sort')
    .order('name');
  return check(res, 'business_subcategories') ?? [];
}

export async function loadSubcategory(sb: Client, id: string): Promise<Subcategory | null> {
  const res = await sb
    .from('business_subcategories')
    .select('id, category_id, name, sort')
    .eq('id', id)
    .eq('active', true)
    .maybeSingle();
  return check(res, 'business_subcategories');
}

/** All questions of a subcategory and all their answers (a tree is small: tens of rows). */
export async function loadQuestionTree(
  sb: Client,
  subcategoryId: string,
): Promise<{ questions: GuidanceQuestion[]; answers: GuidanceAnswer[] }> {
  const questions =
    check(
      await sb
        .from('guidance_questions')
        .select('id, prompt, is_first, sort')
        .eq('subcategory_id', subcategoryId)
        .order('sort'),
      'guidance_questions',
    ) ?? [];
  if (questions.length === 0) return { questions, answers: [] };
  const answers =
    check(
      await sb
        .from('guidance_answers')
        .select('id, question_id, label, next_question_id, topic_id, sort')
        .in(
          'question_id',
          questions.map((q) => q.id),
        )
        .order('sort'),
      'guidance_answers',
    ) ?? [];
  return { questions, answers };
}

const TOPIC_COLS = 'id, subcategory_id, name, overview, sort';

export async function loadTopicsOf(sb: Client, subcategoryId: string): Promise<Topic[]> {
  const res = await sb
    .from('topics')
    .select(TOPIC_COLS)
    .eq('subcategory_id', subcategoryId)
    .eq('active', true)
    .order('sort')
    .order('name');
  return check(res, 'topics') ?? [];
}

export async function loadTopic(sb: Client, id: string): Promise<Topic | null> {
  return check(await sb.from('topics').select(TOPIC_COLS).eq('id', id).eq('active', true).maybeSingle(), 'topics');
}

const NODE_COLS =
  'id, topic_id, code, name, description, allows_back_office, allows_online, promised_working_days, sort';

export async function loadNodes(sb: Client, topicId: string): Promise<BusinessNode[]> {
  const res = await sb
    .from('business_nodes')
    .select(NODE_COLS)
    .eq('topic_id', topicId)
    .eq('active', true)
    .order('sort')
    .order('name');
  return check(res, 'business_nodes') ?? [];
}

export async function loadNode(sb: Client, id: string): Promise<BusinessNode | null> {
  return check(
    await sb.from('business_nodes').select(NODE_COLS).eq('id', id).eq('active', true).maybeSingle(),
    'business_nodes',
  );
}

const requirementsQuery = (sb: Client) =>
  sb
    .from('node_requirements')
    .select(
      'id, kind, required, note, sort, form:form_templates(code, name, description, template_url), material:materials(name, description)',
    );
/** A form or material a node requires, with its template or material (one of the two is set). */
export type Requirement = QueryData<ReturnType<typeof requirementsQuery>>[number];

/** The node's forms and materials, forms first, each in slot order. */
export async function loadRequirements(sb: Client, nodeId: string): Promise<Requirement[]> {
  const res = await requirementsQuery(sb).eq('node_id', nodeId).order('sort');
  const rows = check(res, 'node_requirements') ?? [];
  return rows.sort((a, b) => (a.kind === b.kind ? a.sort - b.sort : a.kind === 'form' ? -1 : 1));
}

export async function loadPaths(sb: Client, nodeId: string): Promise<NodePath[]> {
  const res = await sb.from('node_paths').select('path, sort, url, note').eq('node_id', nodeId).order('sort');
  return check(res, 'node_paths') ?? [];
}

/**
 * Favorites a node (kind node: chosen; kind letter: its letter was generated) through the add_favorite RPC, which
 * is idempotent: a second call keeps one row and only refreshes the region when a new one is given.
 */
export async function addFavorite(sb: Client, nodeId: string, kind: FavoriteKind, regionCode: string | null) {
  // No region: the argument is left out (its default, null), which keeps the region a favorite already has.
  check(
    await sb.rpc('add_favorite', { p_node_id: nodeId, p_kind: kind, p_region_code: regionCode ?? undefined }),
    'add_favorite',
  );
}

export async function removeFavorite(sb: Client, userId: string, nodeId: string, kind: FavoriteKind) {
  check(await sb.from('favorites').delete().eq('user_id', userId).eq('node_id', nodeId).eq('kind', kind), 'favorites');
}

const favoritesQuery = (sb: Client) =>
  sb
    .from('favorites')
    .select(
      'node_id, kind, region_code, created_at, node:business_nodes(name, topic:topics(id, name)), region:regions(name)',
    );
/** A favorite with its node, topic and region names (favorites.ts groups them for 我的收藏). */
export type FavoriteRow = QueryData<ReturnType<typeof favoritesQuery>>[number];

export async function loadFavorites(sb: Client, userId: string): Promise<FavoriteRow[]> {
  const res = await favoritesQuery(sb).eq('user_id', userId).order('created_at', { ascending: false });
  return check(res, 'favorites') ?? [];
}
