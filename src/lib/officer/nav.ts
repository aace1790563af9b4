// The officer area's navigation, in one place: one entry per page, with the duty it needs (null: every officer).
// An entry shows only when the officer holds its duty AND its page exists — the officer layout passes the pages
// that exist (officerPages, from the route files themselves), so a page added under src/routes/officer appears
// in the menu without touching this list, and no link ever leads to a 404.
export type Duty = 'reviewer' | 'back_office' | 'online' | 'guidance' | 'onsite';

export const DUTY_LABEL: Record<Duty, string> = {
  reviewer: '资料审核',
  back_office: '后台帮办',
  online: '在线帮办',
  guidance: '人工导税',
  onsite: '现场导税',
};

export type NavEntry = { duty: Duty | null; href: string; label: string };

export const NAV: NavEntry[] = [
  { duty: null, href: '/officer', label: '工作台' },
  { duty: 'reviewer', href: '/officer/review', label: DUTY_LABEL.reviewer },
  { duty: 'back_office', href: '/officer/back-office', label: DUTY_LABEL.back_office },
  { duty: 'online', href: '/officer/online', label: DUTY_LABEL.online },
  { duty: 'guidance', href: '/officer/guidance', label: DUTY_LABEL.guidance },
  { duty: 'onsite', href: '/officer/codes', label: DUTY_LABEL.onsite },
];

export const isDuty = (d: string): d is Duty => d in DUTY_LABEL;

/** The route path of a `src/routes/…/+page.svelte` file (route groups dropped), e.g. '/officer/review'. */
export function routeOf(file: string): string {
  const path = file
    .replace(/^.*\/src\/routes/, '')
    .replace(/\/\+page\.svelte$/, '')
    .split('/')
    .filter((seg) => seg && !/^\(.*\)$/.test(seg))
    .join('/');
  return '/' + path;
}

/** The duty a page of the officer area needs (its menu entry's, for the page and everything under it), or null. */
export function dutyFor(path: string): Duty | null {
  const entry = NAV.find((e) => e.duty !== null && (path === e.href || path.startsWith(e.href + '/')));
  return entry?.duty ?? null;
}

/** The entries an officer with `duties` sees, given the page paths that exist. */
export function navFor(duties: readonly string[], pages: readonly string[]): NavEntry[] {
  const exists = new Set(pages);
  return NAV.filter((e) => (e.duty === null || duties.includes(e.duty)) && exists.has(e.href));
}
