// The one way the actions read a post and answer: missing fields read as '' (never as a closed set's first value),
// schemas that normalise are parsed from their input shape, and refuse() answers with a message or a field error.
import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { choice } from '$lib/validation';
import { noFields, refuse, zod } from './validate';

const post = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};

const schema = z.object({
  time: choice(['09:00', '10:00'], '请选择时间'),
  name: z.string().transform((s) => s.trim()),
  note: z.string().default(''),
  agree: z.boolean(),
});

describe('reading a post', () => {
  it('parses a normalising schema from its input, and gives the output when valid', async () => {
    const f = await superValidate(post({ time: '10:00', name: '  李雷 ', agree: 'on' }), zod(schema));
    expect([f.valid, f.data]).toEqual([true, { time: '10:00', name: '李雷', note: '', agree: true }]);
  });

  it('a missing choice is refused in Chinese, and what was posted comes back to refill the form', async () => {
    const f = await superValidate(post({ name: ' 韩梅梅 ', extra: 'x' }), zod(schema));
    expect(f.valid).toBe(false);
    expect(f.errors).toEqual({ time: ['请选择时间'] });
    expect(f.data).toEqual({ time: '', name: ' 韩梅梅 ', note: '', agree: false });
  });

  it('a button without fields reads as a form all the same', async () => {
    expect((await superValidate(post({ anything: '1' }), zod(noFields))).valid).toBe(true);
  });
});

describe('refuse', () => {
  it('answers the form under its key with the message, or with the error beside one field', async () => {
    const f = await superValidate(post({ time: '09:00', name: 'x' }), zod(schema));
    const whole = refuse(409, { booking: f, extra: 1 }, '该时间段已约满');
    expect(whole.status).toBe(409);
    expect(whole.data.extra).toBe(1);
    expect([whole.data.booking.valid, whole.data.booking.message, whole.data.booking.errors]).toEqual([
      false,
      '该时间段已约满',
      {},
    ]);

    const g = await superValidate(post({ time: '09:00', name: 'x' }), zod(schema));
    const field = refuse(400, { form: g }, '请选择其他时间', 'time');
    expect([field.status, field.data.form.message, field.data.form.errors]).toEqual([
      400,
      undefined,
      { time: ['请选择其他时间'] },
    ]);
  });
});
