// zod building blocks for fields read from a form post (shared by the server's actions and the pages' hints).
import { z } from 'zod';

/**
 * A required choice from a closed set. Read through superforms, a field missing from the post takes its schema
 * default, which for a bare z.enum is the first value (a crafted post without `time` would book 09:00): here a
 * missing field is '' and refused with `message`.
 */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .default('')
    .pipe(z.enum(values, { error: message }));
