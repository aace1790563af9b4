import { expect, it } from 'vitest';
import { dutyFor, navFor, routeOf } from './nav';

it('routeOf turns a page file into its path', () => {
  expect(routeOf('/src/routes/officer/+page.svelte')).toBe('/officer');
  expect(routeOf('/src/routes/officer/review/+page.svelte')).toBe('/officer/review');
  expect(routeOf('/src/routes/(app)/officer/codes/+page.svelte')).toBe('/officer/codes');
});

it('shows an entry only for a duty held and a page that exists', () => {
  const pages = ['/officer', '/officer/review'];
  expect(navFor(['reviewer'], pages).map((e) => e.href)).toEqual(['/officer', '/officer/review']);
  expect(navFor(['online', 'guidance'], pages).map((e) => e.href)).toEqual(['/officer']);
  // A duty held whose page is not built yet: no link.
  expect(navFor(['onsite'], pages).map((e) => e.href)).toEqual(['/officer']);
});

it('a duty page and everything under it need the duty; the dashboard needs none', () => {
  expect(dutyFor('/officer/review')).toBe('reviewer');
  expect(dutyFor('/officer/review/0b0c6a1e-9f51-4a3e-8f7b-2d6f1c0e9a11')).toBe('reviewer');
  expect(dutyFor('/officer/codes')).toBe('onsite');
  expect(dutyFor('/officer/reviewers')).toBeNull();
  expect(dutyFor('/officer')).toBeNull();
});
