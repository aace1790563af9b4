import { describe, expect, it } from 'vitest';
import { buildSummary, type GuideContext } from './summary';
import type { FavoriteRow } from './catalog';
import { groupFavorites } from './favorites';

const CAT = '11111111-1111-4111-8111-111111111111';
const SUB = '22222222-2222-4222-8222-222222222222';
const T = '33333333-3333-4333-8333-333333333333';
const N = '44444444-4444-4444-8444-444444444444';

const ctx: GuideContext = {
  regionPath: [
    { code: '440000', name: '广东省', level: 'province', parent_code: null, sort: 0 },
    { code: '440400', name: '珠海市', level: 'city', parent_code: '440000', sort: 0 },
    { code: '440402', name: '香洲区', level: 'district', parent_code: '440400', sort: 0 },
  ],
  category: { id: CAT, name: '发票办理', audience: 'both', sort: 0 },
  subcategory: { id: SUB, category_id: CAT, name: '代开发票', sort: 0 },
  trail: [
    {
      question: { id: 'q1', prompt: '您是否为自然人？', is_first: true, sort: 0 },
      answer: { id: 'a1', question_id: 'q1', label: '是', next_question_id: 'q2', topic_id: null, sort: 0 },
    },
    {
      question: { id: 'q2', prompt: '是否代开专票？', is_first: false, sort: 1 },
      answer: { id: 'a2', question_id: 'q2', label: '否', next_question_id: null, topic_id: T, sort: 0 },
    },
  ],
  topic: { id: T, subcategory_id: SUB, name: '代开增值税普通发票', overview: null, sort: 0 },
  node: {
    id: N,
    topic_id: T,
    code: null,
    name: '自然人代开增值税普通发票',
    description: null,
    allows_back_office: true,
    allows_online: true,
    promised_working_days: 1,
    sort: 0,
  },
};

describe('buildSummary', () => {
  const lines = buildSummary(
    ctx,
    { region: '440402', cat: CAT, sub: SUB, answers: ['a1', 'a2'], topic: T, node: N },
    { showAudience: true },
  );

  it('lists every choice in order', () => {
    expect(lines.map((l) => `${l.label}=${l.value}`)).toEqual([
      '办理地区=广东省 / 珠海市 / 香洲区',
      '业务类型=个人业务',
      '业务大类=发票办理',
      '业务小类=代开发票',
      '您是否为自然人？=是',
      '是否代开专票？=否',
      '主题=代开增值税普通发票',
      '业务节点=自然人代开增值税普通发票',
    ]);
  });

  it('links each earlier answer to the question with only the answers before it', () => {
    const first = lines.find((l) => l.label === '您是否为自然人？')!;
    expect(first.changeHref).toBe(`/guide/questions?region=440402&cat=${CAT}&sub=${SUB}`);
    const second = lines.find((l) => l.label === '是否代开专票？')!;
    expect(second.changeHref).toBe(`/guide/questions?region=440402&cat=${CAT}&sub=${SUB}&a=a1`);
    expect(lines[0].changeHref).toBe('/guide?region=440400');
    expect(lines.at(-1)!.changeHref).toBe(`/guide/nodes?region=440402&cat=${CAT}&sub=${SUB}&a=a1&a=a2&topic=${T}`);
  });
});

describe('groupFavorites', () => {
  const row = (kind: 'node' | 'letter', created_at: string, region_code: string | null): FavoriteRow => ({
    node_id: N,
    kind,
    region_code,
    created_at,
    node: { name: '自然人代开增值税普通发票', topic: { id: T, name: '代开增值税普通发票' } },
    region: region_code ? { name: '香洲区' } : null,
  });

  it('splits nodes and letters and continues with the same region', () => {
    const g = groupFavorites([
      row('node', '2026-11-20T01:00:00+00:00', '440402'),
      row('letter', '2026-11-21T01:00:00+00:00', '440402'),
    ]);
    expect(g.nodes).toHaveLength(1);
    expect(g.letters).toHaveLength(1);
    expect(g.nodes[0].continueHref).toBe(`/guide/letter?region=440402&topic=${T}&node=${N}`);
    expect(g.letters[0].continueHref).toBe(`/guide/paths?region=440402&topic=${T}&node=${N}`);
    expect(g.letters[0].regionName).toBe('香洲区');
  });

  it('continues without a region when the favorite has none', () => {
    const g = groupFavorites([row('node', '2026-11-20T01:00:00+00:00', null)]);
    expect(g.nodes[0].regionName).toBeNull();
    expect(g.nodes[0].continueHref).toBe(`/guide/letter?topic=${T}&node=${N}`);
  });
});
