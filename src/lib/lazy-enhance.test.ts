import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const destroyed = vi.fn();
const enhance = vi.fn((_form: unknown, _submit?: unknown) => ({ destroy: destroyed }));
vi.mock('$app/forms', () => ({ enhance }));
const { lazyEnhance } = await import('./lazy-enhance');

/** What lazyEnhance uses of a form: its submit listeners and requestSubmit. */
class FakeForm extends EventTarget {
  requestSubmit = vi.fn();
}
/** The one place the fake stands in for a form element (lazyEnhance only uses the parts above). */
const asForm = (form: FakeForm) => form as unknown as HTMLFormElement;
function submit(form: FakeForm, submitter: object | null = null): Event {
  const e = Object.assign(new Event('submit', { cancelable: true }), { submitter });
  form.dispatchEvent(e);
  return e;
}
// Fake timers: whenIdle falls back to a timer in Node; the tests run it rather than wait for it.
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('lazyEnhance', () => {
  it('holds a submit made before $app/forms is there and sends it again through enhance, with its button', async () => {
    const form = new FakeForm();
    const button = {};
    const action = lazyEnhance(asForm(form));
    expect(submit(form, button).defaultPrevented).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(enhance).toHaveBeenCalledTimes(1);
    expect(enhance.mock.calls[0][0]).toBe(form);
    expect(form.requestSubmit).toHaveBeenCalledWith(button);
    action.destroy();
  });

  it('once enhanced, lets submits through to enhance; destroy removes enhance', async () => {
    const form = new FakeForm();
    const onSubmit = vi.fn();
    const action = lazyEnhance(asForm(form), onSubmit);
    await vi.runAllTimersAsync(); // whenIdle's fallback timer, then the (cached) import
    expect(enhance).toHaveBeenCalledWith(form, onSubmit);
    expect(submit(form).defaultPrevented).toBe(false);
    expect(form.requestSubmit).not.toHaveBeenCalled();
    action.destroy();
    expect(destroyed).toHaveBeenCalledTimes(1);
  });

  it('does not enhance a form removed before the browser was idle or before the module came', async () => {
    const form = new FakeForm();
    lazyEnhance(asForm(form)).destroy();
    // … and one removed while the module was on its way (a submit started loading it).
    const other = new FakeForm();
    const action = lazyEnhance(asForm(other));
    submit(other);
    action.destroy();
    await vi.runAllTimersAsync();
    expect(enhance).not.toHaveBeenCalled();
  });
});
