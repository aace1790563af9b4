// @ts-check
// Realtime's HTTP broadcast API: `POST /api/broadcast` with `{messages:[{topic, event, payload, private}]}` (what
// realtime-js `channel.send()` falls back to before the channel is joined) and the single-message
// `POST /api/broadcast/<topic>/events/<event>[?private=true]` of `channel.httpSend()`. Private messages need the
// caller's write right on the topic (service_role passes, as it bypasses RLS); like Supabase, the batch endpoint
// answers 202 and silently skips topics the caller may not write to.
import { CORS_HEADERS, HttpError, authenticate, readBody } from '../http.js';
import { writeRights } from './authorize.js';
import { roomKey } from './channel-hub.js';

/**
 * @param {{ hub: import('./channel-hub.js').ChannelHub, pool: import('pg').Pool, config: import('../config.js').Config }} deps
 */
export function createBroadcastApi({ hub, pool, config }) {
  /** @param {{role: string, claims: Record<string, any>}} who @param {string} topic */
  async function mayWrite(who, topic) {
    if (who.role === 'service_role') return true;
    const r = await writeRights(pool, { topic, role: who.role, claims: who.claims });
    return r.broadcast;
  }

  /** @param {boolean} isPrivate @param {string} topic @param {import('./protocol.js').UserBroadcast} ub */
  const deliver = (isPrivate, topic, ub) => hub.broadcast(roomKey(isPrivate, topic), `realtime:${topic}`, ub);

  /** @param {import('node:http').ServerResponse} res */
  const accepted = (res) => {
    res.writeHead(202, CORS_HEADERS);
    res.end();
  };

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url @param {string} subpath
   * @returns {Promise<boolean>} whether the route was one of ours
   */
  async function handle(req, res, url, subpath) {
    if (subpath === '/api/broadcast' || subpath === '/api/broadcast/') {
      if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Method not allowed');
      const who = await authenticate(req, url, config);
      const body = parseJson(await readBody(req, config.maxBodyBytes));
      const messages = validateBatch(body);
      /** @type {Map<string, Array<import('./protocol.js').UserBroadcast>>} */
      const privateByTopic = new Map();
      for (const m of messages) {
        const ub = { event: m.event, value: m.payload };
        if (m.private) {
          const list = privateByTopic.get(m.topic) ?? [];
          list.push(ub);
          privateByTopic.set(m.topic, list);
        } else deliver(false, m.topic, ub);
      }
      for (const [topic, list] of privateByTopic) {
        if (!(await mayWrite(who, topic))) continue;
        for (const ub of list) deliver(true, topic, ub);
      }
      accepted(res);
      return true;
    }
    const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)\/?$/.exec(subpath);
    if (single) {
      if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Method not allowed');
      const who = await authenticate(req, url, config);
      const topic = decodePart(single[1], 'topic');
      const event = decodePart(single[2], 'event');
      const isPrivate = url.searchParams.get('private') === 'true';
      const raw = await readBody(req, config.maxBodyBytes);
      const type = String(req.headers['content-type'] ?? 'application/json')
        .split(';')[0]
        .trim()
        .toLowerCase();
      /** @type {import('./protocol.js').UserBroadcast} */
      let ub;
      if (type === 'application/octet-stream') ub = { event, bytes: raw };
      else if (type === 'application/json') ub = { event, value: parseJson(raw) ?? {} };
      else
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Content-Type must be application/json or application/octet-stream',
        );
      if (isPrivate && !(await mayWrite(who, topic))) {
        throw new HttpError(
          401,
          'unauthorized',
          `You do not have permissions to write to this Channel topic: ${topic}`,
        );
      }
      deliver(isPrivate, topic, ub);
      accepted(res);
      return true;
    }
    return false;
  }

  return { handle };
}

/** A percent-decoded path segment; malformed escapes (`%ZZ`) are the caller's mistake: 400, not a crash. @param {string} s @param {string} what */
function decodePart(s, what) {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, 'bad_request', `Invalid percent-encoding in the ${what}`);
  }
}

/** @param {Buffer} buf */
function parseJson(buf) {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON');
  }
}

/** Realtime's BatchBroadcast changeset: topic, event and a payload object on every message. @param {any} body */
function validateBatch(body) {
  const messages = body?.messages;
  /** @type {Record<string, any>} */
  const errors = {};
  if (!Array.isArray(messages) || messages.length === 0) errors.messages = ["can't be blank"];
  else {
    messages.forEach((m, i) => {
      const e = [];
      if (!m || typeof m !== 'object') e.push('is invalid');
      else {
        if (typeof m.topic !== 'string' || m.topic === '') e.push("topic can't be blank");
        if (typeof m.event !== 'string' || m.event === '') e.push("event can't be blank");
        if (!m.payload || typeof m.payload !== 'object' || Array.isArray(m.payload)) e.push('payload is invalid');
      }
      if (e.length) errors[`messages[${i}]`] = e;
    });
  }
  if (Object.keys(errors).length) throw new HttpError(422, 'unprocessable_entity', 'Unprocessable Entity', { errors });
  return /** @type {Array<{topic: string, event: string, payload: any, private?: boolean}>} */ (messages).map((m) => ({
    ...m,
    private: m.private === true,
  }));
}
