import { describe, expect, it } from 'vitest';
import { messageFromBroadcast, senderText } from './room';

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

describe('senderText', () => {
  const senders = {
    o: { officer: true, name: '王芳' },
    o2: { officer: true, name: '' },
    t: { officer: false, name: '张三' },
    t2: { officer: false, name: '' },
  };
  it('names the sender the same way on both sides: 我, 税务人员 姓名, the taxpayer’s name', () => {
    expect(senderText('t', 't', senders)).toBe('我');
    expect(senderText('o', 't', senders)).toBe('税务人员 王芳');
    expect(senderText('t', 'o', senders)).toBe('张三');
  });
  it('falls back to the role without a name, to 系统 without a sender, and to nothing while unknown', () => {
    expect(senderText('o2', 't', senders)).toBe('税务人员');
    expect(senderText('t2', 'o', senders)).toBe('纳税人');
    expect(senderText(null, 'o', senders)).toBe('系统');
    expect(senderText('x', 'o', senders)).toBe('');
  });
});
