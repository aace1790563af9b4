import { describe, expect, it } from 'vitest';
import { readState, remoteFormHref, stepHref, toQuery, withAnswersUpTo, MAX_ANSWERS } from './state';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const N = '33333333-3333-4333-8333-333333333333';

describe('readState', () => {
  it('reads every part of a full guidance URL', () => {
    const s = readState(
      new URLSearchParams(`region=440402&aud=enterprise&cat=${A}&sub=${B}&a=${A}&a=${B}&topic=${A}&node=${N}`),
    );
    expect(s).toEqual({ region: '440402', aud: 'enterprise', cat: A, sub: B, answers: [A, B], topic: A, node: N });
  });

  it('drops malformed values instead of failing', () => {
    const s = readState(new URLSearchParams('region=44&aud=alien&cat=x&node=1;drop table'));
    expect(s).toEqual({
      region: undefined,
      aud: undefined,
      cat: undefined,
      sub: undefined,
      answers: [],
      topic: undefined,
      node: undefined,
    });
  });

  it('keeps the answers up to the first bad one, lower-cased', () => {
    const s = readState(new URLSearchParams(`a=${A.toUpperCase()}&a=nope&a=${B}`));
    expect(s.answers).toEqual([A]);
  });

  it('caps the number of answers', () => {
    const q = new URLSearchParams();
    for (let i = 0; i < MAX_ANSWERS + 5; i++) q.append('a', A);
    expect(readState(q).answers).toHaveLength(MAX_ANSWERS);
  });
});

describe('stepHref / toQuery', () => {
  const full = { region: '440402', aud: 'personal' as const, cat: A, sub: B, answers: [A, B], topic: A, node: N };

  it('carries only what a step needs, in a stable order', () => {
    expect(stepHref('region', full)).toBe('/guide?region=440402');
    expect(stepHref('category', full)).toBe('/guide/category?region=440402&aud=personal');
    expect(stepHref('questions', full)).toBe(
      `/guide/questions?region=440402&aud=personal&cat=${A}&sub=${B}&a=${A}&a=${B}`,
    );
    expect(toQuery('letter', full)).toContain(`node=${N}`);
    expect(toQuery('nodes', full)).not.toContain('node=');
  });

  it('gives a bare path when nothing is chosen', () => {
    expect(stepHref('region', { answers: [] })).toBe('/guide');
    expect(stepHref('paths', {})).toBe('/guide/paths');
  });

  it('round-trips through readState', () => {
    expect(readState(new URLSearchParams(toQuery('paths', full)))).toEqual(full);
  });
});

describe('withAnswersUpTo', () => {
  it('keeps the answers before the one being changed and forgets topic and node', () => {
    const s = withAnswersUpTo({ region: '440402', answers: [A, B, N], topic: A, node: N }, 1);
    expect(s).toEqual({ region: '440402', answers: [A], topic: undefined, node: undefined });
    expect(withAnswersUpTo({ answers: [A] }, -3).answers).toEqual([]);
  });
});

describe('remoteFormHref', () => {
  it('leads 远程可视化办税 to the online form with node and region', () => {
    expect(remoteFormHref(N, '440402')).toBe(`/forms/new?node=${N}&region=440402`);
    expect(remoteFormHref(N)).toBe(`/forms/new?node=${N}`);
    expect(remoteFormHref(N, '440402', 'enterprise')).toBe(`/forms/new?node=${N}&region=440402&aud=enterprise`);
    expect(remoteFormHref(N, '440402', 'personal')).toBe(`/forms/new?node=${N}&region=440402`);
  });
});
