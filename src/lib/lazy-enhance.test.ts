import { afterEach, describe, expect, it, vi } from 'vitest';

const destroyed = vi.fn();
const enhance = vi.fn((_form: unknown, _submit?: unknown) => ({ destroy: destroyed }));
vi.mock('$app/forms', () => ({ enhance }));
const { lazyEnhance } = await import('./lazy-enhance');

/** What lazyEnhance uses of a form: its submit listeners and requestSubmit. */
class FakeForm extends EventTarget {
  requestSubmit = vi.fn();
}
function submit(form: FakeForm, submitter: object | null = null): Event {
  const e = Object.assign(new Event('submit', { cancelable: true }), { submitter });
  form.dispatchEvent(e);
  return e;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.clearAllMocks());

describe('lazyEnhance', () => {
  it('holds a submit made before $app/forms is there and sends it again through enhance, with its button', async () => {
    const form = new FakeForm();
    const button = {};
    const action = lazyEnhance(form as unknown as HTMLFormElement);
    expect(submit(form, button).defaultPrevented).toBe(true);
    await settle();
    expect(enhance).toHaveBeenCalledTimes(1);
    expect(enhance.mock.calls[0][0]).toBe(form);
    expect(form.requestSubmit).toHaveBeenCalledWith(button);
    action.destroy();
  });

  it('once enhanced, lets submits through to enhance; destroy removes enhance', async () => {
    const form = new FakeForm();
    const onSubmit = vi.fn();
    const action = lazyEnhance(form as unknown as HTMLFormElement, onSubmit);
    await new Promise((r) => setTimeout(r, 300)); // whenIdle's fallback timer in Node, then the (cached) import
    expect(enhance).toHaveBeenCalledWith(form, onSubmit);
    expect(submit(form).defaultPrevented).toBe(false);
    expect(form.requestSubmit).not.toHaveBeenCalled();
    action.destroy();
    expect(destroyed).toHaveBeenCalledTimes(1);
  });

  it('does not enhance a form removed before the browser was idle', async () => {
    const form = new FakeForm();
    lazyEnhance(form as unknown as HTMLFormElement).destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(enhance).not.toHaveBeenCalled();
  });
});
