// Row shapes of the guidance catalog as the pages read them (columns of supabase/migrations/*_catalog.sql and
// the favorites table). Hand-written while src/lib/database.types.ts is still a placeholder.

export type RegionLevel = 'province' | 'city' | 'district';
export type BusinessAudience = 'personal' | 'enterprise' | 'both';
export type HandlingPath = 'etax' | 'yueshuitong' | 'remote_visual' | 'service_hall';
export type FavoriteKind = 'node' | 'letter';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  sort: number;
}

export interface Category {
  id: string;
  name: string;
  audience: BusinessAudience;
  sort: number;
}

export interface Subcategory {
  id: string;
  category_id: string;
  name: string;
  sort: number;
}

export interface Topic {
  id: string;
  subcategory_id: string;
  name: string;
  overview: string | null;
  sort: number;
}

export interface GuidanceQuestion {
  id: string;
  prompt: string;
  is_first: boolean;
  sort: number;
}

export interface GuidanceAnswer {
  id: string;
  question_id: string;
  label: string;
  next_question_id: string | null;
  topic_id: string | null;
  sort: number;
}

export interface BusinessNode {
  id: string;
  topic_id: string;
  code: string | null;
  name: string;
  description: string | null;
  allows_back_office: boolean;
  allows_online: boolean;
  promised_working_days: number;
  sort: number;
}

export interface Requirement {
  id: string;
  kind: 'form' | 'material';
  required: boolean;
  note: string | null;
  sort: number;
  form: { code: string; name: string; description: string | null; template_url: string | null } | null;
  material: { name: string; description: string | null } | null;
}

export interface NodePath {
  path: HandlingPath;
  sort: number;
  url: string | null;
  note: string | null;
}
