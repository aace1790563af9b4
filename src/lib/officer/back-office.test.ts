import { describe, expect, it } from 'vitest';
import { completeSchema, isResultPath, resultObjectPath } from './back-office';

const CASE = 'A1B2C3D4-0000-4000-8000-000000000001';
const ID = '0f0e0d0c-0b0a-4909-8807-060504030201';

describe('result document object names', () => {
  it('live in the case folder, named by a uuid with the lowercase extension', () => {
    const p = resultObjectPath(CASE, '完税证明.PDF', ID);
    expect(p).toBe(`${CASE.toLowerCase()}/${ID}.pdf`);
    expect(isResultPath(p, CASE)).toBe(true);
    expect(resultObjectPath(CASE, 'no-extension', ID)).toBe(`${CASE.toLowerCase()}/${ID}`);
  });

  it('refuses another folder, a sub-folder or a chosen name', () => {
    expect(isResultPath(`00000000-0000-4000-8000-000000000000/${ID}.pdf`, CASE)).toBe(false);
    expect(isResultPath(`${CASE.toLowerCase()}/x/${ID}.pdf`, CASE)).toBe(false);
    expect(isResultPath(`${CASE.toLowerCase()}/证明.pdf`, CASE)).toBe(false);
  });
});

describe('completeSchema', () => {
  it('needs an outcome; a failure needs a note', () => {
    expect(completeSchema.safeParse({ outcome: 'success', note: '' }).success).toBe(true);
    expect(completeSchema.safeParse({ outcome: 'failure', note: '' }).success).toBe(false);
    expect(completeSchema.safeParse({ outcome: 'failure', note: '资料不符' }).success).toBe(true);
    expect(completeSchema.safeParse({ note: 'x' }).success).toBe(false);
    expect(completeSchema.safeParse({ outcome: 'success', note: 'x'.repeat(1001) }).success).toBe(false);
  });
});
