// "What you chose so far" of the guidance pages: one line per choice with a link that goes back to change it.
// Changing an earlier choice keeps the ones before it and drops the ones after it.
import { AUDIENCE_LABEL, regionLabel } from './labels';
import { stepHref, withAnswersUpTo, type GuideState } from './state';
import type { BusinessNode, Category, Region, Subcategory, Topic } from './types';
import type { TrailStep } from './tree';

export interface SummaryLine {
  label: string;
  value: string;
  /** Link to change this choice; absent when it cannot be changed from here. */
  changeHref?: string;
  /** Accessible name of the change link, e.g. 修改办理地区. */
  changeLabel?: string;
}

export interface GuideContext {
  regionPath: Region[] | null;
  category: Category | null;
  subcategory: Subcategory | null;
  trail: TrailStep[];
  topic: Topic | null;
  node: BusinessNode | null;
}

export function buildSummary(ctx: GuideContext, state: GuideState, options: { showAudience: boolean }): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const base: GuideState = { ...state, answers: ctx.trail.map((s) => s.answer.id) };
  if (ctx.regionPath?.length) {
    // Changing the region reopens the list the last level was picked from.
    const parent = ctx.regionPath.at(-2)?.code;
    lines.push({
      label: '办理地区',
      value: regionLabel(ctx.regionPath),
      changeHref: stepHref('region', { region: parent }),
      changeLabel: '修改办理地区',
    });
  }
  if (options.showAudience && ctx.category) {
    lines.push({ label: '业务类型', value: AUDIENCE_LABEL[state.aud ?? 'personal'] });
  }
  if (ctx.category) {
    lines.push({
      label: '业务大类',
      value: ctx.category.name,
      changeHref: stepHref('category', base),
      changeLabel: '修改业务大类',
    });
  }
  if (ctx.subcategory) {
    lines.push({
      label: '业务小类',
      value: ctx.subcategory.name,
      changeHref: stepHref('subcategory', base),
      changeLabel: '修改业务小类',
    });
  }
  ctx.trail.forEach((s, i) => {
    lines.push({
      label: s.question.prompt,
      value: s.answer.label,
      changeHref: stepHref('questions', withAnswersUpTo(base, i)),
      changeLabel: `修改回答：${s.question.prompt}`,
    });
  });
  if (ctx.topic) {
    // With questions the topic follows from the last answer (change that); without, it was picked from a list.
    const href = ctx.subcategory
      ? stepHref('questions', withAnswersUpTo(base, Math.max(0, ctx.trail.length - 1)))
      : undefined;
    lines.push({ label: '主题', value: ctx.topic.name, changeHref: href, changeLabel: href ? '修改主题' : undefined });
  }
  if (ctx.node) {
    lines.push({
      label: '业务节点',
      value: ctx.node.name,
      changeHref: stepHref('nodes', { ...base, topic: ctx.topic?.id }),
      changeLabel: '修改业务节点',
    });
  }
  return lines;
}
