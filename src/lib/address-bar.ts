// Keeps the address bar on the page shown after Back/Forward. A page whose load redirects (e.g. the 办理方式 steps
// once the mode is chosen: they send the case to its timeline) renders the redirect's target on Back, but
// SvelteKit leaves the address bar on the entry that was left — the timeline under /handling?step=estimate, where
// a reload or a shared link would not show what is on screen. Call once from the root layout.
import { afterNavigate, replaceState } from '$app/navigation';
import { page } from '$app/state';

export function keepAddressBarOnPage(): void {
  afterNavigate(({ type }) => {
    if (type === 'popstate' && location.href !== page.url.href) replaceState(page.url, page.state);
  });
}
