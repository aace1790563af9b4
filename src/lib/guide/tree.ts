// Walking the guidance question tree (主题定位) of one subcategory: from its first question, each given answer
// leads to the next question or to a topic. Pure, so the same walk runs in unit tests and in the page loads.
import type { GuidanceAnswer, GuidanceQuestion } from './types';
import { MAX_ANSWERS } from './state';

export interface TrailStep {
  question: GuidanceQuestion;
  answer: GuidanceAnswer;
}

export interface Walk {
  /** The questions answered so far with the answers given, in order. */
  trail: TrailStep[];
  /** The question to ask now; null when a topic was reached or the subcategory has no questions. */
  current: GuidanceQuestion | null;
  /** The answers of the current question, in display order. */
  choices: GuidanceAnswer[];
  /** The topic the trail reached, if any. */
  topicId: string | null;
  /** False when the given answers did not fit the tree (unknown id, answer of another question, extra answers). */
  valid: boolean;
}

const bySort = <T extends { sort: number; id: string }>(a: T, b: T) => a.sort - b.sort || a.id.localeCompare(b.id);

/** The question asked first: the one marked is_first, else the first in sort order. */
export function firstQuestion(questions: GuidanceQuestion[]): GuidanceQuestion | null {
  return questions.find((q) => q.is_first) ?? [...questions].sort(bySort)[0] ?? null;
}

/** Answers of a question in display order. */
export function answersOf(questionId: string, answers: GuidanceAnswer[]): GuidanceAnswer[] {
  return answers.filter((a) => a.question_id === questionId).sort(bySort);
}

/** Follows the given answer ids through the tree as far as they fit. */
export function walk(questions: GuidanceQuestion[], answers: GuidanceAnswer[], given: string[]): Walk {
  const qById = new Map(questions.map((q) => [q.id, q]));
  const aById = new Map(answers.map((a) => [a.id, a]));
  const trail: TrailStep[] = [];
  let current = firstQuestion(questions);
  let topicId: string | null = null;
  let valid = true;

  for (const id of given.slice(0, MAX_ANSWERS)) {
    const answer = aById.get(id);
    if (!current || !answer || answer.question_id !== current.id) {
      valid = false;
      break;
    }
    trail.push({ question: current, answer });
    if (answer.topic_id) {
      topicId = answer.topic_id;
      current = null;
      break;
    }
    const next = answer.next_question_id ? qById.get(answer.next_question_id) : undefined;
    if (!next) {
      // The catalog points at a question that is gone (deleted or of another subcategory): a dead end.
      valid = false;
      current = null;
      break;
    }
    current = next;
  }
  if (given.length > trail.length) valid = false;
  if (given.length > MAX_ANSWERS) valid = false;

  return { trail, current, choices: current ? answersOf(current.id, answers) : [], topicId, valid };
}

/** The answer ids of a walk's trail (what fits), to rebuild a clean URL after an invalid one. */
export const trailIds = (w: Walk) => w.trail.map((s) => s.answer.id);
