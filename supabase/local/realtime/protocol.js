// @ts-check
// Wire codecs of the Phoenix channel protocol as @supabase/realtime-js speaks it: JSON text frames (vsn 1.0.0
// objects, vsn 2.0.0 arrays) and the realtime binary frames (kind 3 = client broadcast push, kind 4 = server
// broadcast). Pure functions: nothing here touches sockets, so a malformed frame is just a `null` result.

export const VSN_1 = '1.0.0';
export const VSN_2 = '2.0.0';
export const SUPPORTED_VSN = [VSN_1, VSN_2];

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const ENC_BINARY = 0;
const ENC_JSON = 1;

/**
 * One decoded client frame. `userBroadcast` is set only by the binary decoder, outside `payload`, so a JSON
 * frame can never smuggle one in (its payload is the client's own object).
 * @typedef {{ joinRef: string|null, ref: string|null, topic: string, event: string, payload: any, userBroadcast?: UserBroadcast }} Frame
 */

/**
 * A user broadcast as it travels through the hub: the event name and either a JSON value (parsed; every frame
 * is built from it with JSON.stringify, never by pasting text, so no field can break out of its place) or raw
 * bytes. The hub encodes it once per wire format, not once per recipient.
 * @typedef {{ event: string, value?: any, bytes?: Buffer, meta?: Record<string, any> }} UserBroadcast
 */

const str = (/** @type {any} */ v) => (v === null || v === undefined ? null : String(v));

/**
 * Decodes a text frame. vsn 2.0.0: `[join_ref, ref, topic, event, payload]`; vsn 1.0.0: an object.
 * @param {string} text @param {string} vsn @returns {Frame|null}
 */
export function decodeText(text, vsn) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  let joinRef, ref, topic, event, payload;
  if (Array.isArray(data)) {
    if (vsn !== VSN_2 || data.length !== 5) return null;
    [joinRef, ref, topic, event, payload] = data;
  } else if (data && typeof data === 'object') {
    ({ join_ref: joinRef, ref, topic, event, payload } = data);
  } else return null;
  if (typeof topic !== 'string' || typeof event !== 'string') return null;
  if (payload === undefined || payload === null) payload = {};
  if (typeof payload !== 'object') return null;
  return { joinRef: str(joinRef), ref: str(ref), topic, event, payload };
}

/**
 * Decodes a binary kind-3 frame (realtime-js `channel.send({type:'broadcast'})` under vsn 2.0.0):
 * `[3][joinRefLen][refLen][topicLen][eventLen][metaLen][enc]` joinRef ref topic event meta payload.
 * The frame payload becomes `{ type: 'broadcast', event, userBroadcast }` so handlers treat both encodings alike.
 * @param {Buffer} buf @returns {Frame|null}
 */
export function decodeBinary(buf) {
  if (buf.length < 7 || buf[0] !== KIND_USER_BROADCAST_PUSH) return null;
  const [, joinRefLen, refLen, topicLen, eventLen, metaLen, enc] = buf;
  let offset = 7;
  const take = (/** @type {number} */ n) => {
    const s = buf.subarray(offset, offset + n);
    offset += n;
    return s;
  };
  if (offset + joinRefLen + refLen + topicLen + eventLen + metaLen > buf.length) return null;
  const joinRef = take(joinRefLen).toString('utf8');
  const ref = take(refLen).toString('utf8');
  const topic = take(topicLen).toString('utf8');
  const event = take(eventLen).toString('utf8');
  const metaText = take(metaLen).toString('utf8');
  const body = buf.subarray(offset);
  /** @type {Record<string, any>|undefined} */
  let meta;
  if (metaText) {
    try {
      meta = JSON.parse(metaText);
    } catch {
      return null;
    }
  }
  /** @type {UserBroadcast} */
  let ub;
  if (enc === ENC_JSON) {
    try {
      ub = { event, value: JSON.parse(body.toString('utf8')) };
    } catch {
      return null;
    }
  } else if (enc === ENC_BINARY) {
    ub = { event, bytes: Buffer.from(body) };
  } else return null;
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: 'broadcast',
    payload: { type: 'broadcast', event, meta },
    userBroadcast: ub,
  };
}

/**
 * Encodes a server → client message as text for the socket's protocol version.
 * @param {{ joinRef?: string|null, ref?: string|null, topic: string, event: string, payload: any }} m @param {string} vsn
 */
export function encodeText(m, vsn) {
  const joinRef = m.joinRef ?? null;
  const ref = m.ref ?? null;
  if (vsn === VSN_2) return JSON.stringify([joinRef, ref, m.topic, m.event, m.payload]);
  return JSON.stringify({ join_ref: joinRef, ref, topic: m.topic, event: m.event, payload: m.payload });
}

/**
 * The `broadcast` payload a JSON client sees: `{type:'broadcast', event, payload, meta?}`. Binary user payloads
 * cannot travel in JSON: null.
 * @param {UserBroadcast} ub
 */
export function broadcastPayload(ub) {
  if (ub.bytes) return null;
  /** @type {Record<string, any>} */
  const p = { type: 'broadcast', event: ub.event, payload: ub.value ?? null };
  if (ub.meta && Object.keys(ub.meta).length) p.meta = ub.meta;
  return p;
}

/**
 * Text frame of a user broadcast (vsn 1.0.0 clients, and 2.0.0 when a field is too long for the binary frame),
 * encoded as a whole by encodeText.
 * @param {string} topic @param {UserBroadcast} ub @param {string} vsn
 */
export function encodeBroadcastText(topic, ub, vsn) {
  const payload = broadcastPayload(ub);
  if (payload === null) return null;
  return encodeText({ joinRef: null, ref: null, topic, event: 'broadcast', payload }, vsn);
}

/**
 * Binary kind-4 frame: `[4][topicLen][eventLen][metaLen][enc]` topic event meta payload — what realtime-js
 * decodes into `{event:'broadcast', payload:{type:'broadcast', event, payload, meta?}}`. Null when a header field
 * does not fit its one-byte length.
 * @param {string} topic @param {UserBroadcast} ub @returns {Buffer|null}
 */
export function encodeBroadcastBinary(topic, ub) {
  const t = Buffer.from(topic, 'utf8');
  const e = Buffer.from(ub.event, 'utf8');
  const m = Buffer.from(ub.meta && Object.keys(ub.meta).length ? JSON.stringify(ub.meta) : '', 'utf8');
  if (t.length > 255 || e.length > 255 || m.length > 255) return null;
  const body = ub.bytes ?? Buffer.from(JSON.stringify(ub.value ?? null), 'utf8');
  const head = Buffer.from([KIND_USER_BROADCAST, t.length, e.length, m.length, ub.bytes ? ENC_BINARY : ENC_JSON]);
  return Buffer.concat([head, t, e, m, body]);
}

/**
 * Builds a UserBroadcast from a JSON `broadcast` push payload `{type, event, payload}`. Only the client's
 * `event` (a string) and `payload` are taken; anything else in its object is ignored.
 * @param {any} p @returns {UserBroadcast|null}
 */
export function userBroadcastFromJson(p) {
  if (!p || typeof p !== 'object') return null;
  if (typeof p.event !== 'string') return null;
  return { event: p.event, value: p.payload ?? {} };
}
