import { describe, expect, it } from 'vitest';
import { answersOf, firstQuestion, trailIds, walk } from './tree';
import type { GuidanceAnswer, GuidanceQuestion } from './types';

// 代开发票: Q1 是否为自然人？ 是 → Q2 是否代开增值税专用发票？ (是 → T专票, 否 → T普票); 否 → T企业
const q = (id: string, prompt: string, is_first = false, sort = 0): GuidanceQuestion => ({
  id,
  prompt,
  is_first,
  sort,
});
const a = (
  id: string,
  question_id: string,
  label: string,
  to: { q?: string; t?: string },
  sort = 0,
): GuidanceAnswer => ({
  id,
  question_id,
  label,
  next_question_id: to.q ?? null,
  topic_id: to.t ?? null,
  sort,
});
const questions = [q('q2', '是否代开增值税专用发票？', false, 2), q('q1', '您是否为自然人？', true, 1)];
const answers = [
  a('a1n', 'q1', '否', { t: 'T企业' }, 2),
  a('a1y', 'q1', '是', { q: 'q2' }, 1),
  a('a2y', 'q2', '是', { t: 'T专票' }, 1),
  a('a2n', 'q2', '否', { t: 'T普票' }, 2),
];

describe('firstQuestion / answersOf', () => {
  it('starts at the question marked first, else the lowest sort', () => {
    expect(firstQuestion(questions)?.id).toBe('q1');
    expect(firstQuestion([q('x', 'x', false, 5), q('y', 'y', false, 1)])?.id).toBe('y');
    expect(firstQuestion([])).toBeNull();
  });
  it('lists answers in display order', () => {
    expect(answersOf('q1', answers).map((x) => x.label)).toEqual(['是', '否']);
  });
});

describe('walk', () => {
  it('asks the first question when nothing is answered', () => {
    const w = walk(questions, answers, []);
    expect(w).toMatchObject({ trail: [], topicId: null, valid: true });
    expect(w.current?.id).toBe('q1');
    expect(w.choices.map((c) => c.id)).toEqual(['a1y', 'a1n']);
  });

  it('follows answers to the next question', () => {
    const w = walk(questions, answers, ['a1y']);
    expect(w.current?.prompt).toBe('是否代开增值税专用发票？');
    expect(w.trail.map((s) => `${s.question.id}:${s.answer.label}`)).toEqual(['q1:是']);
    expect(w.valid).toBe(true);
  });

  it('ends at the topic an answer leads to', () => {
    const w = walk(questions, answers, ['a1y', 'a2n']);
    expect(w).toMatchObject({ current: null, choices: [], topicId: 'T普票', valid: true });
    expect(trailIds(w)).toEqual(['a1y', 'a2n']);
    expect(walk(questions, answers, ['a1n']).topicId).toBe('T企业');
  });

  it('stops at an answer of another question and marks the walk invalid', () => {
    const w = walk(questions, answers, ['a2y']);
    expect(w.valid).toBe(false);
    expect(w.trail).toEqual([]);
    expect(w.current?.id).toBe('q1');
  });

  it('treats unknown ids and answers after the topic as invalid, keeping what fits', () => {
    expect(walk(questions, answers, ['a1y', 'zzz']).valid).toBe(false);
    const w = walk(questions, answers, ['a1n', 'a1y']);
    expect(w.valid).toBe(false);
    expect(w.topicId).toBe('T企业');
    expect(trailIds(w)).toEqual(['a1n']);
  });

  it('treats a dangling next question as a dead end', () => {
    const w = walk(questions, [a('x', 'q1', '是', { q: 'gone' })], ['x']);
    expect(w).toMatchObject({ current: null, topicId: null, valid: false });
  });

  it('survives a loop in the catalog', () => {
    const loop = [a('l1', 'q1', '再问', { q: 'q2' }), a('l2', 'q2', '回去', { q: 'q1' })];
    const given = Array.from({ length: 100 }, (_, i) => (i % 2 ? 'l2' : 'l1'));
    const w = walk(questions, loop, given);
    expect(w.valid).toBe(false);
    expect(w.trail.length).toBeLessThanOrEqual(30);
  });

  it('has nothing to ask for a subcategory without questions', () => {
    expect(walk([], [], [])).toMatchObject({ current: null, topicId: null, valid: true, choices: [] });
  });
});
