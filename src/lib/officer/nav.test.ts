import { expect, it } from 'vitest';
import { navFor, routeOf } from './nav';

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
