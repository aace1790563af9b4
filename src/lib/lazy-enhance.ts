// `use:enhance` for a page that should not load `$app/forms` in its first load (the timeline: its 出票/激活 forms
// are on the first paint, but a submit comes seconds later). The module loads when the browser is idle after
// hydration, as `$lib/lazy` does for components; a submit before it is there waits for it and is then sent through
// `enhance`, so the page is never posted whole (unless the module cannot be loaded: then the form posts as without
// JavaScript, which every form action here supports).
import type { SubmitFunction } from '@sveltejs/kit';
import { lazy, whenIdle } from '$lib/lazy';

const loadForms = lazy(() => import('$app/forms').then((forms) => ({ default: forms })));

/** The action: `<form method="POST" use:lazyEnhance={submit}>`, with `submit` as `enhance` takes it. */
export function lazyEnhance(form: HTMLFormElement, submit?: SubmitFunction) {
  let enhanced: { destroy(): void } | undefined;
  let gone = false;
  const install = () =>
    loadForms().then((forms) => {
      if (!gone) enhanced ??= forms.enhance(form, submit);
    });
  // Registered before enhance's own listener, so once enhance is there this one lets the event through to it.
  const early = (e: SubmitEvent) => {
    if (enhanced) return;
    e.preventDefault();
    const by = e.submitter ?? undefined;
    install().then(
      () => form.requestSubmit(by),
      () => {
        form.removeEventListener('submit', early);
        form.requestSubmit(by);
      },
    );
  };
  form.addEventListener('submit', early);
  const cancelIdle = whenIdle(() => install().catch(() => {}));
  return {
    destroy() {
      gone = true;
      cancelIdle();
      form.removeEventListener('submit', early);
      enhanced?.destroy();
    },
  };
}
