import { describe, expect, it } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { createCaptcha } from '$lib/server/captcha/captcha';

const SECRET = 'test-secret';
const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');

async function solved(ch: Challenge) {
  const solution = await solveChallenge({ challenge: ch, deriveKey });
  if (!solution) throw new Error('not solved');
  return { challenge: ch, solution };
}

describe('captcha (ALTCHA round trip with altcha-lib)', () => {
  it('verifies a solved challenge once and refuses the replay', async () => {
    const c = createCaptcha({ secret: SECRET, cost: 10 });
    const payload = encode(await solved(await c.challenge('u1')));
    expect(await c.verify(payload, 'u1')).toEqual({ ok: true });
    expect(await c.verify(payload, 'u1')).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses tampering: changed data, changed prefix, wrong key, other secret', async () => {
    const c = createCaptcha({ secret: SECRET, cost: 10 });
    const p = await solved(await c.challenge('u1'));
    const otherUser = structuredClone(p);
    otherUser.challenge.parameters.data = { uid: 'u2' };
    expect(await c.verify(encode(otherUser), 'u2')).toEqual({ ok: false, reason: 'invalid' });
    const easier = structuredClone(p);
    easier.challenge.parameters.keyPrefix = '0';
    expect(await c.verify(encode(easier), 'u1')).toEqual({ ok: false, reason: 'invalid' });
    const wrongKey = structuredClone(p);
    wrongKey.solution.derivedKey = 'ff' + wrongKey.solution.derivedKey.slice(2);
    expect(await c.verify(encode(wrongKey), 'u1')).toEqual({ ok: false, reason: 'invalid' });
    const other = createCaptcha({ secret: 'another-secret', cost: 10 });
    expect(await other.verify(encode(p), 'u1')).toEqual({ ok: false, reason: 'invalid' });
    // The untouched payload still verifies: refusals did not spend it.
    expect(await c.verify(encode(p), 'u1')).toEqual({ ok: true });
  });

  it('binds the solution to the user it was made for', async () => {
    const c = createCaptcha({ secret: SECRET, cost: 10 });
    const payload = encode(await solved(await c.challenge('u1')));
    expect(await c.verify(payload, 'u2')).toEqual({ ok: false, reason: 'wrong_user' });
  });

  it('refuses expired, missing and malformed payloads', async () => {
    const c = createCaptcha({ secret: SECRET, cost: 10, ttlSeconds: 1 });
    const p = await solved(await c.challenge('u1', Date.now() - 5000));
    expect(await c.verify(encode(p), 'u1')).toEqual({ ok: false, reason: 'expired' });
    expect(await c.verify('', 'u1')).toEqual({ ok: false, reason: 'missing' });
    expect(await c.verify('not base64 json', 'u1')).toEqual({ ok: false, reason: 'malformed' });
    expect(await c.verify(encode({ challenge: {}, solution: {} }), 'u1')).toEqual({ ok: false, reason: 'malformed' });
  });
});
