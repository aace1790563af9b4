import { describe, expect, it } from 'vitest';
import { messageFromBroadcast } from './room';

describe('messageFromBroadcast', () => {
  it('takes the message row send_message broadcasts (to_jsonb of the row)', () => {
    const row = {
      id: 42,
      conversation_id: 'c',
      sender_id: 'u',
      kind: 'image',
      body: null,
      file_name: 'a.png',
      mime_type: 'image/png',
      created_at: '2026-11-26T08:00:00Z',
    };
    expect(messageFromBroadcast(row)).toEqual({
      id: 42,
      sender_id: 'u',
      kind: 'image',
      body: null,
      file_name: 'a.png',
      mime_type: 'image/png',
      created_at: '2026-11-26T08:00:00Z',
    });
  });

  it('refuses a payload that is not a message (no id, a string id, no sender)', () => {
    expect(messageFromBroadcast({})).toBeNull();
    expect(messageFromBroadcast({ id: '42', sender_id: 'u', created_at: 'x' })).toBeNull();
    expect(messageFromBroadcast({ id: 42, created_at: 'x' })).toBeNull();
  });
});
