// Row shapes of the guidance catalog as the pages read them: the generated table types cut to the columns each
// query of catalog.ts selects (the embedded ones are typed from their query there).
import type { Enums, Tables } from '$lib/database.types';

export type RegionLevel = Enums<'region_level'>;
export type BusinessAudience = Enums<'business_audience'>;
export type HandlingPath = Enums<'handling_path'>;
export type FavoriteKind = Enums<'favorite_kind'>;

export type Region = Pick<Tables<'regions'>, 'code' | 'name' | 'level' | 'parent_code' | 'sort'>;
export type Category = Pick<Tables<'business_categories'>, 'id' | 'name' | 'audience' | 'sort'>;
export type Subcategory = Pick<Tables<'business_subcategories'>, 'id' | 'category_id' | 'name' | 'sort'>;
export type Topic = Pick<Tables<'topics'>, 'id' | 'subcategory_id' | 'name' | 'overview' | 'sort'>;
export type GuidanceQuestion = Pick<Tables<'guidance_questions'>, 'id' | 'prompt' | 'is_first' | 'sort'>;
export type GuidanceAnswer = Pick<
  Tables<'guidance_answers'>,
  'id' | 'question_id' | 'label' | 'next_question_id' | 'topic_id' | 'sort'
>;
export type BusinessNode = Pick<
  Tables<'business_nodes'>,
  | 'id'
  | 'topic_id'
  | 'code'
  | 'name'
  | 'description'
  | 'allows_back_office'
  | 'allows_online'
  | 'promised_working_days'
  | 'sort'
>;
export type NodePath = Pick<Tables<'node_paths'>, 'path' | 'sort' | 'url' | 'note'>;
export type { Requirement } from './catalog';
