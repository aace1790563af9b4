// The orphaned-uploads job without the Storage API configured: one warning, nothing listed or removed.
import { describe, expect, it } from 'vitest';
import { ORPHANS_QUEUE, registerOrphans, storageAdmin } from './orphans.js';

describe('remove-orphaned-uploads without PUBLIC_SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY', () => {
  it('warns once and touches nothing', async () => {
    const handlers = new Map<string, () => Promise<unknown>>();
    const sql: string[] = [];
    const boss = {
      createQueue: async () => {},
      schedule: async () => {},
      work: async (q: string, _o: unknown, fn: () => Promise<unknown>) => void handlers.set(q, fn),
      getDb: () => ({ executeSql: async (t: string) => (sql.push(t), { rows: [] }) }),
    };
    const logs: string[] = [];
    await registerOrphans(boss as never, (m) => logs.push(m), {});
    const run = handlers.get(ORPHANS_QUEUE)!;
    expect(await run()).toEqual({ removed: 0, skipped: 'no storage api' });
    expect(await run()).toEqual({ removed: 0, skipped: 'no storage api' });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/SUPABASE_SERVICE_ROLE_KEY not set/);
    expect(sql).toEqual([]);
  });

  it('needs both the URL and the service key', () => {
    expect(storageAdmin({ PUBLIC_SUPABASE_URL: 'http://127.0.0.1:1' })).toBeNull();
    expect(storageAdmin({ SUPABASE_SERVICE_ROLE_KEY: 'k' })).toBeNull();
    expect(storageAdmin({ SUPABASE_URL: 'http://127.0.0.1:1', SUPABASE_SERVICE_ROLE_KEY: 'k' })).not.toBeNull();
  });
});
