// @ts-check
// Presence of one topic, in Phoenix.Presence's shapes: state `{key: {metas: [{phx_ref, ...meta}]}}` and diffs
// `{joins, leaves}` in the same shape. Each channel member holds at most one entry (its presence key); several
// members may share a key (one user on two devices), which gives the key several metas.
import crypto from 'node:crypto';

/** @typedef {Record<string, { metas: Array<Record<string, any>> }>} PresenceMap */

const newRef = () => crypto.randomBytes(9).toString('base64url');

export class TopicPresence {
  constructor() {
    /** @type {Map<object, { key: string, meta: Record<string, any> }>} member → its tracked entry */
    this.entries = new Map();
  }

  get size() {
    return this.entries.size;
  }

  /**
   * Tracks (or updates) the member's entry; returns the diff to broadcast.
   * @param {object} member @param {string} key @param {Record<string, any>} payload @returns {{joins: PresenceMap, leaves: PresenceMap}}
   */
  track(member, key, payload) {
    const old = this.entries.get(member);
    /** @type {Record<string, any>} */
    const meta = {
      ...(payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : {}),
      phx_ref: newRef(),
    };
    /** @type {PresenceMap} */
    const leaves = {};
    if (old) {
      // Phoenix.Presence.update: the new meta names the one it replaces.
      meta.phx_ref_prev = old.meta.phx_ref;
      leaves[old.key] = { metas: [old.meta] };
    }
    this.entries.set(member, { key, meta });
    return { joins: { [key]: { metas: [meta] } }, leaves };
  }

  /** @param {object} member @returns {{joins: PresenceMap, leaves: PresenceMap}|null} */
  untrack(member) {
    const old = this.entries.get(member);
    if (!old) return null;
    this.entries.delete(member);
    return { joins: {}, leaves: { [old.key]: { metas: [old.meta] } } };
  }

  /** @returns {PresenceMap} */
  state() {
    /** @type {PresenceMap} */
    const out = {};
    for (const { key, meta } of this.entries.values()) (out[key] ??= { metas: [] }).metas.push(meta);
    return out;
  }
}
