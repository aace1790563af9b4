// Where the taxpayer is in 智能导税, kept entirely in the URL so that refresh, back/forward, bookmarks and
// pages without JavaScript all keep the place. Each step is its own page under /guide; the query carries the
// choices made so far. Reading is lenient: a malformed value is dropped, never thrown, and the page then asks
// for that choice again.
import { isUuid } from '$lib/uuid';

export const STEPS = ['region', 'category', 'subcategory', 'questions', 'nodes', 'letter', 'paths'] as const;
export type Step = (typeof STEPS)[number];

export const AUDIENCES = ['personal', 'enterprise'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface GuideState {
  /** Region code chosen so far (province, city or district; the deepest one picked). */
  region?: string;
  /** 个人业务 / 企业业务; absent means the default (personal). */
  aud?: Audience;
  /** 业务大类 id. */
  cat?: string;
  /** 业务小类 id. */
  sub?: string;
  /** Ids of the guidance answers given, in order. */
  answers: string[];
  /** 主题 id. */
  topic?: string;
  /** 业务节点 id. */
  node?: string;
}

/** The most answers a URL may carry; a longer trail is a loop in the catalog or a crafted URL. */
export const MAX_ANSWERS = 30;

const REGION = /^[0-9]{6}$/;

export { isUuid };
export const isRegionCode = (v: unknown): v is string => typeof v === 'string' && REGION.test(v);

const uuidOrUndefined = (v: string | null) => (isUuid(v) ? v.toLowerCase() : undefined);

/** Reads the guidance state from a query string; invalid parts are left out. */
export function readState(params: URLSearchParams): GuideState {
  const region = params.get('region');
  const aud = params.get('aud');
  const answers: string[] = [];
  for (const raw of params.getAll('a')) {
    // Stop at the first bad id: the answers after it would hang off a broken trail.
    if (!isUuid(raw) || answers.length >= MAX_ANSWERS) break;
    answers.push(raw.toLowerCase());
  }
  return {
    region: isRegionCode(region) ? region : undefined,
    aud: (AUDIENCES as readonly string[]).includes(aud ?? '') ? (aud as Audience) : undefined,
    cat: uuidOrUndefined(params.get('cat')),
    sub: uuidOrUndefined(params.get('sub')),
    answers,
    topic: uuidOrUndefined(params.get('topic')),
    node: uuidOrUndefined(params.get('node')),
  };
}

/** Which parts of the state a step's URL carries (the choices made before it and the step's own). */
const CARRIES: Record<Step, (keyof GuideState)[]> = {
  region: ['region'],
  category: ['region', 'aud'],
  subcategory: ['region', 'aud', 'cat'],
  questions: ['region', 'aud', 'cat', 'sub', 'answers'],
  nodes: ['region', 'aud', 'cat', 'sub', 'answers', 'topic'],
  letter: ['region', 'aud', 'cat', 'sub', 'answers', 'topic', 'node'],
  paths: ['region', 'aud', 'cat', 'sub', 'answers', 'topic', 'node'],
};

/** The query string (without "?") of a step for a state, in a stable order. */
export function toQuery(step: Step, state: Partial<GuideState>): string {
  const q = new URLSearchParams();
  for (const key of CARRIES[step]) {
    if (key === 'answers') {
      for (const a of state.answers ?? []) q.append('a', a);
    } else {
      const v = state[key];
      if (typeof v === 'string' && v) q.set(key, v);
    }
  }
  return q.toString();
}

/** The page path of a step. */
export const stepPath = (step: Step) => (step === 'region' ? '/guide' : `/guide/${step}`);

/** A link to a step with the given state, e.g. stepHref('letter', { region: '440402', node }). */
export function stepHref(step: Step, state: Partial<GuideState>): string {
  const q = toQuery(step, state);
  return q ? `${stepPath(step)}?${q}` : stepPath(step);
}

/** The state with an earlier answer (index i) taken back: the trail before it stays, the rest is dropped. */
export function withAnswersUpTo(state: GuideState, i: number): GuideState {
  return { ...state, answers: state.answers.slice(0, Math.max(0, i)), topic: undefined, node: undefined };
}

/** The audience in effect: the URL's choice, else the default. */
export const audienceOf = (state: GuideState, fallback: Audience = 'personal'): Audience => state.aud ?? fallback;

/** The link target of 远程可视化办税: the online form of another part of the app. */
export function remoteFormHref(nodeId: string, regionCode?: string, audience?: Audience): string {
  const q = new URLSearchParams({ node: nodeId });
  if (regionCode) q.set('region', regionCode);
  // 企业业务 chosen in the guide: the form asks which enterprise (a personal login may choose it, seed 1 §1.1).
  if (audience === 'enterprise') q.set('aud', 'enterprise');
  return `/forms/new?${q.toString()}`;
}
