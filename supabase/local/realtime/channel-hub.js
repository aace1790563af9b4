// @ts-check
// The registry of joined channel members by topic, and fan-out to them. Private and public channels of the same
// name are different rooms (Supabase keys them apart), so the room key carries the flag. A message is encoded
// once per wire format, not once per member.
import { TopicPresence } from './presence.js';
import { VSN_2, encodeBroadcastBinary, encodeBroadcastText, encodeText } from './protocol.js';

/**
 * What the hub needs from a joined channel member (see connection.js).
 * @typedef {{
 *   topic: string, roomKey: string, joinRef: string|null,
 *   canReadBroadcast: boolean, canReadPresence: boolean, presenceEnabled: boolean,
 *   conn: { vsn: string, send: (data: string|Buffer) => void },
 * }} Member
 */

/** @param {boolean} isPrivate @param {string} subTopic */
export const roomKey = (isPrivate, subTopic) => `${isPrivate ? 'private' : 'public'}:${subTopic}`;

export class ChannelHub {
  constructor() {
    /** @type {Map<string, { members: Set<Member>, presence: TopicPresence }>} */
    this.rooms = new Map();
  }

  /** @param {Member} m */
  add(m) {
    let room = this.rooms.get(m.roomKey);
    if (!room) this.rooms.set(m.roomKey, (room = { members: new Set(), presence: new TopicPresence() }));
    room.members.add(m);
  }

  /** Removes a member, untracking its presence (leaves go to the others). @param {Member} m */
  remove(m) {
    const room = this.rooms.get(m.roomKey);
    if (!room || !room.members.delete(m)) return;
    const diff = room.presence.untrack(m);
    if (diff) this.presenceDiff(m.roomKey, m.topic, diff);
    if (room.members.size === 0 && room.presence.size === 0) this.rooms.delete(m.roomKey);
  }

  /** @param {string} key */
  count(key) {
    return this.rooms.get(key)?.members.size ?? 0;
  }

  /**
   * Sends a user broadcast to every member of the room that may read it, except `except`.
   * @param {string} key @param {string} topic full topic (`realtime:<name>`)
   * @param {import('./protocol.js').UserBroadcast} ub @param {Member} [except]
   */
  broadcast(key, topic, ub, except) {
    const room = this.rooms.get(key);
    if (!room) return 0;
    /** @type {Map<string, string|Buffer|null>} */
    const frames = new Map();
    const frameFor = (/** @type {string} */ vsn) => {
      if (!frames.has(vsn)) {
        const bin = vsn === VSN_2 ? encodeBroadcastBinary(topic, ub) : null;
        frames.set(vsn, bin ?? encodeBroadcastText(topic, ub, vsn));
      }
      return frames.get(vsn) ?? null;
    };
    let n = 0;
    for (const m of room.members) {
      if (m === except || !m.canReadBroadcast) continue;
      const frame = frameFor(m.conn.vsn);
      if (frame === null) continue; // raw bytes cannot reach a JSON-only (1.0.0) client
      m.conn.send(frame);
      n++;
    }
    return n;
  }

  /**
   * @param {Member} m @param {string} key @param {Record<string, any>} payload
   * @returns {{joins: any, leaves: any}}
   */
  track(m, key, payload) {
    const room = this.rooms.get(m.roomKey);
    if (!room) return { joins: {}, leaves: {} };
    const diff = room.presence.track(m, key, payload);
    this.presenceDiff(m.roomKey, m.topic, diff);
    return diff;
  }

  /** @param {Member} m */
  untrack(m) {
    const diff = this.rooms.get(m.roomKey)?.presence.untrack(m);
    if (diff) this.presenceDiff(m.roomKey, m.topic, diff);
  }

  /** @param {Member} m */
  presenceState(m) {
    return this.rooms.get(m.roomKey)?.presence.state() ?? {};
  }

  /** @param {string} key @param {string} topic @param {{joins: any, leaves: any}} diff */
  presenceDiff(key, topic, diff) {
    const room = this.rooms.get(key);
    if (!room) return;
    /** @type {Map<string, string>} */
    const frames = new Map();
    for (const m of room.members) {
      if (!m.presenceEnabled || !m.canReadPresence) continue;
      let f = frames.get(m.conn.vsn);
      if (!f) frames.set(m.conn.vsn, (f = encodeText({ topic, event: 'presence_diff', payload: diff }, m.conn.vsn)));
      m.conn.send(f);
    }
  }
}
