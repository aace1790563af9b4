// LiveKit, server side: the rooms of video calls (created here, never by a token: auto_create is off), the tokens
// that let a participant in, and the webhooks LiveKit sends back. Credentials come from serverEnv.LIVEKIT; without
// them video is not configured and no page offers it.
import { AccessToken, RoomServiceClient, TrackSource, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { serverEnv } from '$lib/server/env';
import { openCall } from '$lib/video/calls';

/** A token only lets its holder join; a connected client gets fresh tokens from LiveKit itself. */
export const VIDEO_TOKEN_TTL_SECONDS = 600;

export const videoConfigured = () => serverEnv.LIVEKIT !== null;

/** What a room page needs for its video panel: whether video is offered at all, and the call open now. */
export async function roomVideo(sb: SupabaseClient<Database>, conversationId: string) {
  const enabled = videoConfigured();
  return { enabled, call: enabled ? await openCall(sb, conversationId) : null };
}

function livekit() {
  const c = serverEnv.LIVEKIT;
  if (!c) throw new Error('LiveKit is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)');
  return c;
}

const rooms = () => {
  const c = livekit();
  return new RoomServiceClient(c.url.replace(/^ws/, 'http'), c.apiKey, c.apiSecret);
};

/** Creates the call's LiveKit room if it is not there yet (CreateRoom returns an existing room unchanged). */
export async function ensureVideoRoom(name: string) {
  await rooms().createRoom({ name, emptyTimeout: 120, departureTimeout: 20, maxParticipants: 4 });
}

/** Closes the call's LiveKit room: everyone in it is disconnected at once. A room already gone is fine. */
export async function closeVideoRoom(name: string) {
  try {
    await rooms().deleteRoom(name);
  } catch (e) {
    if (!/not.?found|404/i.test(String(e))) throw e;
  }
}

/**
 * A join token for one room with least privilege: camera, microphone and screen share (with its audio), subscribe
 * and data; room admin (mute or remove someone) only for officers. Identity is the user id.
 */
export async function videoToken(o: { room: string; identity: string; name: string; roomAdmin: boolean }) {
  const c = livekit();
  const token = new AccessToken(c.apiKey, c.apiSecret, {
    identity: o.identity,
    name: o.name,
    ttl: VIDEO_TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    room: o.room,
    roomJoin: true,
    roomCreate: false,
    roomAdmin: o.roomAdmin,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    // The audio-only fallback tells the other side why the picture stopped (a participant attribute).
    canUpdateOwnMetadata: true,
    canPublishSources: [
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
      TrackSource.SCREEN_SHARE,
      TrackSource.SCREEN_SHARE_AUDIO,
    ],
  });
  return { url: c.url, token: await token.toJwt() };
}

/** Verifies a webhook's signature (a JWT over the sha256 of the exact body) and parses it; throws if forged. */
export async function receiveVideoWebhook(body: string, authorization: string | null): Promise<WebhookEvent> {
  const c = livekit();
  return new WebhookReceiver(c.apiKey, c.apiSecret).receive(body, authorization ?? undefined);
}
