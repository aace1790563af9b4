// How every form action reads its post and answers (one way for all of them), with superforms:
//   const form = await superValidate(request, zod(schema));
//   if (!form.valid) return fail(400, { form });            // field errors in Chinese, the post to refill
//   …
//   if (error) return refuse(409, { form }, refusalText(error, '保存失败'));   // a refusal of the whole post
// The page reads `form.errors.<field>`, `form.data` (what was posted) and `form.message` from its ActionData,
// without casts. A page with several forms answers each under its own key (`{ cert: form }`), as superforms'
// FAQ does, so the page's ActionData stays typed per form.
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { ErrorStatus, SuperValidated } from 'sveltekit-superforms';
import { zod4, type ZodValidationSchema } from 'sveltekit-superforms/adapters';
import { z } from 'zod';

// One options object, so superforms' memoisation (per schema and options) builds each adapter once. The adapter
// reads the schema's *input* shape: a post carries strings, and a schema that trims or normalises (a transform)
// has no output shape superforms could parse the FormData into.
const INPUT = { config: { io: 'input' as const } };

/** The schema as superforms' validation adapter. */
export const zod = <T extends ZodValidationSchema>(schema: T) => zod4(schema, INPUT);

/** The post of a plain button (出票, 全部已读 …): no fields, read all the same so its answer carries a message. */
export const noFields = z.object({});

type AnyForm = SuperValidated<Record<string, unknown>, unknown, Record<string, unknown>>;
/** The fields of the forms in an answer (for a refusal aimed at one field). */
type FieldOf<A> = {
  [K in keyof A]: A[K] extends { id: string; valid: boolean; data: infer T } ? keyof T & string : never;
}[keyof A];

const isForm = (v: unknown): v is AnyForm =>
  !!v && typeof v === 'object' && 'id' in v && 'valid' in v && 'data' in v && 'errors' in v;

/**
 * Refuses a post with `text`: as the form's message (superforms' message()), or beside `field` (its setError()).
 * `answer` is what the page gets: the form under its key, and anything else the page shows.
 */
export function refuse<A extends Record<string, unknown>>(
  status: ErrorStatus,
  answer: A,
  text: string,
  field?: FieldOf<A>,
): ActionFailure<A> {
  for (const form of Object.values(answer).filter(isForm)) {
    form.valid = false;
    if (field) form.errors = { ...form.errors, [field]: [text] };
    else form.message = text;
  }
  return fail(status, answer);
}
