import { describe, expect, it } from 'vitest';
import { callFromBroadcast, viewOf, type VideoCall } from './calls';

const call = (over: Partial<VideoCall> = {}): VideoCall => ({
  id: 'v1',
  status: 'ringing',
  started_by: 'a',
  answered_by: null,
  ended_by: null,
  created_at: '2026-11-26T08:00:00Z',
  connected_at: null,
  ...over,
});

describe('callFromBroadcast', () => {
  it('reads a call field by field and ignores what is not one', () => {
    expect(callFromBroadcast({ ...call(), livekit_room: 'vtax-x', extra: 1 })).toEqual(call());
    expect(callFromBroadcast({ id: 'v1', status: 'bogus', started_by: 'a', created_at: 'x' })).toBeNull();
    expect(callFromBroadcast({ status: 'active' })).toBeNull();
  });
});

describe('viewOf', () => {
  it('tells the caller from the called and shows a rejection to the caller only', () => {
    expect(viewOf(null, 'a')).toBe('idle');
    expect(viewOf(call(), 'a')).toBe('calling');
    expect(viewOf(call(), 'b')).toBe('incoming');
    expect(viewOf(call({ status: 'active', answered_by: 'b' }), 'b')).toBe('on');
    expect(viewOf(call({ status: 'active', answered_by: 'b' }), 'a')).toBe('on');
    expect(viewOf(call({ status: 'active', answered_by: 'b' }), 'c')).toBe('others');
    expect(viewOf(call({ status: 'rejected' }), 'a')).toBe('rejected');
    expect(viewOf(call({ status: 'rejected' }), 'b')).toBe('idle');
    expect(viewOf(call({ status: 'ended' }), 'a')).toBe('idle');
  });
});
