// The timeline of a case (/cases/<id>): each step shows its facts as `<dt>label:</dt><dd>value</dd>` lines.
import type { Page } from '@playwright/test';

export type StepKey = 'form' | 'review' | 'mode' | 'handle';

export const step = (page: Page, key: StepKey) => page.getByTestId(`step-${key}`);

/** The value a step shows for a label — read from its own element, so markup whitespace between the two is moot. */
export const stepLine = (page: Page, key: StepKey, label: string) =>
  step(page, key)
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: `${label}:` }) })
    .locator('dd');
