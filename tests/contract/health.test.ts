import { describe, it, expect } from 'vitest';
import { env } from '../support/supabase';

describe('stand-in server', () => {
  it('answers its health route and refuses unknown routes with a JSON 404', async () => {
    const base = env().apiUrl;
    const ok = await fetch(`${base}/health`);
    expect(ok.status).toBe(200);
    const nf = await fetch(`${base}/nope`);
    expect(nf.status).toBe(404);
    expect(await nf.json()).toMatchObject({ code: 'not_found' });
  });
});
