// The computed fields of forms (forms.editable, forms.is_party) that the app reads instead of re-deriving the rules
// in TypeScript: they answer exactly as the private helpers behind the storage policies and the form RPCs.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, run, service, type Actor } from './support/as-user';
import { makeWorld, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const fields = (who: Actor, formId: string) =>
  one<{ editable: boolean; is_party: boolean } | undefined>(
    who,
    `select public.editable(f), public.is_party(f) from public.forms f where f.id = $1`,
    [formId],
  );

describe('forms.editable', () => {
  it('a draft, and a submitted form only while its open case waits for resubmission', async () => {
    const [draft] = await run(w.owner, `select * from public.save_draft(null, $1, $2, $3, null, null, null, '草稿')`, [
      w.nodeBoth,
      w.hallA,
      w.dist,
    ]);
    expect((await fields(w.owner, draft.id))?.editable).toBe(true);

    const c = await submittedCase(w, w.owner);
    expect((await fields(w.owner, c.form_id))?.editable).toBe(false);
    await run(w.officerA, `select public.reject_review($1, '缺资料')`, [c.id]);
    expect((await fields(w.owner, c.form_id))?.editable).toBe(true);
    // The officer of the hall reads the same answer; the server reads it as the service role.
    expect((await fields(w.officerA, c.form_id))?.editable).toBe(true);
    expect(
      (await one(service, `select public.editable(f) from public.forms f where f.id = $1`, [c.form_id])).editable,
    ).toBe(true);
    await run(w.owner, `select public.cancel_case($1)`, [c.id]);
    expect((await fields(w.owner, c.form_id))?.editable).toBe(false);
  });
});

describe('forms.is_party', () => {
  it('the owner and the enterprise’s agents; not the hall’s officers, and others do not see the row at all', async () => {
    const c = await submittedCase(w, w.owner, { enterprise: w.ent });
    expect((await fields(w.owner, c.form_id))?.is_party).toBe(true);
    expect((await fields(w.agent, c.form_id))?.is_party).toBe(true);
    expect((await fields(w.officerA, c.form_id))?.is_party).toBe(false);
    expect(await fields(w.other, c.form_id)).toBeUndefined();
  });
});
