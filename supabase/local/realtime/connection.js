// @ts-check
// One client WebSocket speaking the Phoenix channel protocol: heartbeat, phx_join / phx_leave, broadcast,
// presence and access_token events, for any number of channels. Behaviour follows supabase/realtime's
// RealtimeChannel (join refusals, silent drops of unauthorized writes, system message + phx_close on shutdown).
// Every handler is guarded: a bad frame or a failing database never takes the server down.
import crypto from 'node:crypto';
import { WebSocket } from 'ws';
import { checkToken, readRights, writeRights } from './authorize.js';
import { roomKey } from './channel-hub.js';
import { VSN_2, decodeBinary, decodeText, encodeText, userBroadcastFromJson } from './protocol.js';

/** A client whose send buffer grows past this is not reading; it is cut off rather than let it eat memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Supabase's default max_channels_per_client. */
const MAX_CHANNELS_PER_SOCKET = 100;
/** Supabase re-confirms the token at most every five minutes, and at its expiry. */
const CONFIRM_TOKEN_MS = 5 * 60 * 1000;

/**
 * @typedef {{ hub: import('./channel-hub.js').ChannelHub, pool: import('pg').Pool, jwtSecret: string, log: (m: string) => void,
 *   recheckMs: number }} Deps `recheckMs`: how often a joined private channel's read right is evaluated again (0 = never)
 * @typedef {import('./protocol.js').Frame} Frame
 */

export class ChannelMember {
  /** @param {Connection} conn @param {string} topic @param {string|null} joinRef @param {any} config @param {string} token */
  constructor(conn, topic, joinRef, config, token) {
    this.conn = conn;
    this.topic = topic;
    this.subTopic = topic.slice('realtime:'.length);
    this.joinRef = joinRef;
    this.isPrivate = !!config?.private;
    this.roomKey = roomKey(this.isPrivate, this.subTopic);
    this.selfBroadcast = !!config?.broadcast?.self;
    this.ack = !!config?.broadcast?.ack;
    const key = config?.presence?.key;
    this.presenceKey = typeof key === 'string' && key !== '' ? key : crypto.randomUUID();
    // Clients that predate the flag expect presence; realtime-js always sends it.
    this.presenceEnabled = config?.presence?.enabled !== false;
    this.token = token;
    /** @type {Record<string, any>} */
    this.claims = {};
    this.role = 'anon';
    this.canReadBroadcast = false;
    this.canReadPresence = false;
    /** @type {'joining'|'joined'|'closed'} */
    this.state = 'joining';
    /** @type {Promise<import('./authorize.js').Rights>|null} cached for the channel's life, reset on a new token */
    this.writes = null;
    /** @type {NodeJS.Timeout|undefined} */
    this.tokenTimer = undefined;
    /** @type {NodeJS.Timeout|undefined} */
    this.recheckTimer = undefined;
    this.rechecking = false;
  }

  get authContext() {
    return { topic: this.subTopic, role: this.role, claims: this.claims };
  }
}

export class Connection {
  /** @param {WebSocket} ws @param {string} vsn @param {string} apiToken the socket's apikey, used when a join has no access_token @param {Deps} deps */
  constructor(ws, vsn, apiToken, deps) {
    this.ws = ws;
    this.vsn = vsn;
    this.apiToken = apiToken;
    this.deps = deps;
    this.lastSeen = Date.now();
    /** @type {Map<string, ChannelMember>} */
    this.channels = new Map();
    ws.on('message', (data, isBinary) => this.onMessage(/** @type {Buffer} */ (data), isBinary));
    ws.on('close', () => this.cleanup());
    ws.on('error', () => {}); // e.g. a frame over maxPayload: ws closes the socket itself (1009)
  }

  /** @param {string|Buffer} data */
  send(data) {
    const ws = this.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.deps.log('realtime: dropping a client that does not read its messages');
      ws.terminate();
      return;
    }
    ws.send(data);
  }

  /** @param {{ joinRef?: string|null, ref?: string|null, topic: string, event: string, payload: any }} m */
  push(m) {
    this.send(encodeText(m, this.vsn));
  }

  /** @param {Frame} f @param {'ok'|'error'} status @param {any} [response] */
  reply(f, status, response = {}) {
    this.push({ joinRef: f.joinRef, ref: f.ref, topic: f.topic, event: 'phx_reply', payload: { status, response } });
  }

  /** @param {Buffer} data @param {boolean} isBinary */
  onMessage(data, isBinary) {
    this.lastSeen = Date.now();
    let frame;
    try {
      frame = isBinary ? (this.vsn === VSN_2 ? decodeBinary(data) : null) : decodeText(data.toString('utf8'), this.vsn);
    } catch {
      frame = null;
    }
    if (!frame) return; // malformed: ignored, as Phoenix would not even know whom to answer
    this.dispatch(frame).catch((e) =>
      this.deps.log(`realtime: error handling ${frame.event} on ${frame.topic}: ${e?.stack ?? e}`),
    );
  }

  /** @param {Frame} f */
  async dispatch(f) {
    if (f.topic === 'phoenix') {
      if (f.event === 'heartbeat') this.reply(f, 'ok');
      return;
    }
    if (f.event === 'phx_join') return this.join(f);
    const m = this.channels.get(f.topic);
    if (m && f.event === 'phx_leave') {
      // also while the join is still being authorized: that join then ends without a reply
      this.reply(f, 'ok');
      this.closeMember(m);
      return;
    }
    if (!m || m.state !== 'joined') {
      if (f.ref) this.reply(f, 'error', { reason: 'unmatched topic' });
      return;
    }
    switch (f.event) {
      case 'broadcast':
        return this.onBroadcast(m, f);
      case 'presence':
        return this.onPresence(m, f);
      case 'access_token':
        return this.onAccessToken(m, f);
      default:
        return; // Supabase ignores unexpected events (it only logs them)
    }
  }

  /** @param {Frame} f */
  async join(f) {
    if (!f.topic.startsWith('realtime:')) return this.reply(f, 'error', { reason: 'unmatched topic' });
    if (f.topic === 'realtime:')
      return this.reply(f, 'error', { reason: 'TopicNameRequired: You must provide a topic name' });
    const old = this.channels.get(f.topic);
    if (old) this.closeMember(old); // Phoenix closes the earlier join of the same topic on the same socket
    if (this.channels.size >= MAX_CHANNELS_PER_SOCKET)
      return this.reply(f, 'error', { reason: 'ChannelRateLimitReached: Too many channels' });

    const p = f.payload;
    const token = [p.access_token, p.user_token].find((t) => typeof t === 'string' && t !== '') ?? this.apiToken;
    const m = new ChannelMember(this, f.topic, f.joinRef, p.config, token);
    this.channels.set(f.topic, m);
    const current = () => this.channels.get(f.topic) === m && m.state !== 'closed';
    const refuse = (/** @type {string} */ reason) => {
      if (!current()) return;
      this.channels.delete(f.topic);
      m.state = 'closed';
      this.reply(f, 'error', { reason });
    };

    const check = await checkToken(token, this.deps.jwtSecret);
    if (!check.ok) return refuse(`${check.code}: ${check.message}`);
    m.claims = check.claims;
    m.role = check.role;
    if (m.isPrivate) {
      let rights;
      try {
        rights = await readRights(this.deps.pool, m.authContext);
      } catch (e) {
        this.deps.log(`realtime: read authorization failed: ${e}`);
        return refuse('UnableToSetPolicies: Realtime was unable to connect to the project database');
      }
      if (!rights.broadcast)
        return refuse(`Unauthorized: You do not have permissions to read from this Channel topic: ${m.subTopic}`);
      m.canReadBroadcast = true;
      m.canReadPresence = rights.presence;
    } else {
      m.canReadBroadcast = m.canReadPresence = true;
    }
    if (!current()) return;
    m.state = 'joined';
    this.deps.hub.add(m);
    this.reply(f, 'ok', { postgres_changes: [] });
    this.scheduleTokenCheck(m, check.exp);
    this.scheduleRecheck(m);
    if (m.presenceEnabled && m.canReadPresence) {
      this.push({
        joinRef: m.joinRef,
        topic: m.topic,
        event: 'presence_state',
        payload: this.deps.hub.presenceState(m),
      });
    }
  }

  /** @param {ChannelMember} m */
  writeRightsOf(m) {
    if (!m.writes) {
      const p = writeRights(this.deps.pool, m.authContext).catch((e) => {
        this.deps.log(`realtime: write authorization failed: ${e}`);
        if (m.writes === p) m.writes = null; // not cached: the next message asks again
        return { broadcast: false, presence: false };
      });
      m.writes = p;
    }
    return m.writes;
  }

  /** @param {ChannelMember} m @param {Frame} f */
  async onBroadcast(m, f) {
    const ub = f.userBroadcast ?? userBroadcastFromJson(f.payload);
    if (!ub) return;
    if (m.isPrivate) {
      const rights = await this.writeRightsOf(m);
      if (!rights.broadcast || m.state !== 'joined') return; // dropped silently, no ack — as Supabase does
    }
    this.deps.hub.broadcast(m.roomKey, m.topic, ub, m.selfBroadcast ? undefined : m);
    if (m.ack) this.reply(f, 'ok');
  }

  /** @param {ChannelMember} m @param {Frame} f */
  async onPresence(m, f) {
    const event = String(f.payload.event ?? '').toLowerCase();
    if (event !== 'track' && event !== 'untrack') return this.reply(f, 'error');
    if (m.isPrivate) {
      const rights = await this.writeRightsOf(m);
      if (m.state !== 'joined') return;
      if (!rights.presence) return this.reply(f, 'ok'); // ignored, but answered: Supabase's PresenceHandler
    }
    if (event === 'track') this.deps.hub.track(m, m.presenceKey, f.payload.payload ?? {});
    else this.deps.hub.untrack(m);
    this.reply(f, 'ok');
  }

  /** @param {ChannelMember} m @param {Frame} f */
  async onAccessToken(m, f) {
    const token = f.payload.access_token;
    if (typeof token !== 'string' || token === m.token) return;
    m.token = token;
    const check = await checkToken(token, this.deps.jwtSecret);
    if (m.state !== 'joined' || m.token !== token) return; // closed or superseded meanwhile
    if (!check.ok) return this.shutdown(m, check.message);
    m.claims = check.claims;
    m.role = check.role;
    m.writes = null;
    if (m.isPrivate) {
      let rights;
      try {
        rights = await readRights(this.deps.pool, m.authContext);
      } catch {
        return this.shutdown(m, 'Realtime was unable to connect to the project database');
      }
      if (m.state !== 'joined' || m.token !== token) return;
      if (!this.applyReadRights(m, rights)) return;
    }
    this.scheduleTokenCheck(m, check.exp);
  }

  /**
   * Supabase Realtime evaluates a private channel's read policies only at join and when the client sends a new
   * token. Rights also change in the database while the token stays the same (a colleague takes the guidance
   * session an officer was watching), so the stand-in evaluates them again every `recheckMs` as well.
   * @param {ChannelMember} m
   */
  scheduleRecheck(m) {
    clearInterval(m.recheckTimer);
    if (!m.isPrivate || !(this.deps.recheckMs > 0)) return;
    m.recheckTimer = setInterval(() => void this.recheck(m), this.deps.recheckMs);
    m.recheckTimer.unref?.();
  }

  /** @param {ChannelMember} m */
  async recheck(m) {
    if (m.state !== 'joined' || m.rechecking) return;
    m.rechecking = true;
    const token = m.token;
    try {
      let rights;
      try {
        rights = await readRights(this.deps.pool, m.authContext);
      } catch (e) {
        // The database is unreachable: no database broadcast flows either. The last decision stands until a
        // check answers, so a blip does not close every channel of every page at once.
        this.deps.log(`realtime: read re-check failed: ${e}`);
        return;
      }
      if (m.state !== 'joined' || m.token !== token) return; // closed, or a new token was checked meanwhile
      this.applyReadRights(m, rights);
    } catch (e) {
      this.deps.log(`realtime: read re-check failed: ${/** @type {any} */ (e)?.stack ?? e}`);
    } finally {
      m.rechecking = false;
    }
  }

  /**
   * Applies a fresh evaluation of the read policies the way supabase/realtime's access_token handler does:
   * no read right left → "You do not have permissions…"; a right the channel had and lost → "You no longer have
   * permission…"; either way the system error, then phx_close, and no further delivery.
   * @param {ChannelMember} m @param {import('./authorize.js').Rights} rights @returns {boolean} whether the channel stays open
   */
  applyReadRights(m, rights) {
    if (!rights.broadcast && !rights.presence) {
      this.shutdown(m, `You do not have permissions to read from this Channel topic: ${m.subTopic}`);
      return false;
    }
    if ((m.canReadBroadcast && !rights.broadcast) || (m.canReadPresence && !rights.presence)) {
      this.shutdown(m, `You no longer have permission to read from this Channel topic: ${m.subTopic}`);
      return false;
    }
    m.canReadPresence = rights.presence;
    return true;
  }

  /** Closes the channel when its token expires (Supabase's confirm_token). @param {ChannelMember} m @param {number} exp */
  scheduleTokenCheck(m, exp) {
    clearTimeout(m.tokenTimer);
    const left = exp * 1000 - Date.now();
    m.tokenTimer = setTimeout(
      () => {
        if (m.state !== 'joined') return;
        const now = Date.now();
        if (exp * 1000 <= now)
          this.shutdown(m, `Token has expired ${Math.floor((now - exp * 1000) / 1000)} seconds ago`);
        else this.scheduleTokenCheck(m, exp);
      },
      Math.max(0, Math.min(left, CONFIRM_TOKEN_MS)),
    );
    m.tokenTimer.unref?.();
  }

  /** Supabase's shutdown_response: a system error message, then the channel closes. @param {ChannelMember} m @param {string} message */
  shutdown(m, message) {
    this.push({
      joinRef: m.joinRef,
      topic: m.topic,
      event: 'system',
      payload: { extension: 'system', status: 'error', message, channel: m.subTopic },
    });
    this.closeMember(m);
  }

  /** Leaves the room and tells the client the channel is closed (phx_close). @param {ChannelMember} m */
  closeMember(m) {
    this.detach(m);
    this.push({ joinRef: m.joinRef, ref: m.joinRef, topic: m.topic, event: 'phx_close', payload: {} });
  }

  /** @param {ChannelMember} m */
  detach(m) {
    if (m.state === 'closed') return;
    const wasJoined = m.state === 'joined';
    m.state = 'closed';
    clearTimeout(m.tokenTimer);
    clearInterval(m.recheckTimer);
    if (this.channels.get(m.topic) === m) this.channels.delete(m.topic);
    if (wasJoined) this.deps.hub.remove(m);
  }

  cleanup() {
    for (const m of [...this.channels.values()]) this.detach(m);
  }
}
