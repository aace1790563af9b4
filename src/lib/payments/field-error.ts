// The first error text of a field in a superforms answer, whatever its shape (a list for a plain field, an
// object with _errors for an array field, or the list a refusal puts beside any field).
export type FormAnswer =
  | {
      errors?: Record<string, unknown>;
      data?: Record<string, unknown>;
      message?: string;
    }
  | null
  | undefined;

export function fieldError(answer: FormAnswer, field: string): string | undefined {
  const e = answer?.errors?.[field];
  if (Array.isArray(e)) return typeof e[0] === 'string' ? e[0] : undefined;
  if (e && typeof e === 'object') {
    const own = (e as { _errors?: unknown })._errors;
    if (Array.isArray(own) && typeof own[0] === 'string') return own[0];
    for (const v of Object.values(e)) if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return undefined;
}

/** The posted value of a text field, to refill the form after a refusal. */
export const posted = (answer: FormAnswer, field: string): string => {
  const v = answer?.data?.[field];
  return typeof v === 'string' ? v : '';
};
