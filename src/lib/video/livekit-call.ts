// The media of a video call on LiveKit (livekit-client). Imported only with import() when a call starts, so the
// taxpayer's other pages never load livekit-client. Framework-free: the call reports its state through onState
// and the component renders it.
//
// - Camera and microphone are published on joining; a refused permission leaves the call connected (the other side
//   is still seen and heard) with a Chinese explanation of how to allow it.
// - Turning the camera off also ends a screen share (seed 1 §5.4: 关闭视频的同时结束共享屏幕).
// - Audio-only fallback: when this side's connection is poor for a few seconds the camera is paused (the call goes
//   on as audio instead of freezing) and comes back once the connection has been good for a while; the reason is
//   published as a participant attribute, so the other side sees why the picture stopped.
import {
  ConnectionQuality,
  type LocalVideoTrack,
  type Participant,
  type RemoteTrack,
  Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import { initialFallback, nextFallback, type LinkQuality as Quality } from './fallback';
import { mediaProblem } from './media-problem';

export type { Quality };

export type PeerState = {
  identity: string;
  name: string;
  mic: boolean;
  camera: boolean;
  screen: boolean;
  quality: Quality;
  /** The peer's camera was paused because of its network (audio-only fallback). */
  audioOnly: boolean;
};

export type CallState = {
  phase: 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
  mic: boolean;
  camera: boolean;
  screen: boolean;
  facing: 'user' | 'environment';
  quality: Quality;
  /** This side's camera is paused by the audio-only fallback. */
  audioOnly: boolean;
  /** Everyone else in the call (the other side, and a guest the taxpayer agreed to), in joining order. */
  peers: PeerState[];
  /** What went wrong, in Chinese, for the person (permissions, connection). */
  problem: string | null;
};

export type CallHandle = {
  toggleMic: () => Promise<void>;
  toggleCamera: () => Promise<void>;
  toggleScreen: () => Promise<void>;
  switchCamera: () => Promise<void>;
  /** 刷新: joins again with a fresh token and publishes again (a frozen picture, a lost device). */
  refresh: () => Promise<void>;
  leave: () => Promise<void>;
  /** Attaches pictures to the elements in `views` again (after the component added or removed one). */
  redraw: () => void;
};

export type CallOptions = {
  /** The LiveKit URL and a join token (the server mints one per join). */
  getToken: () => Promise<{ url: string; token: string }>;
  local: HTMLVideoElement;
  /** The page's video element per participant identity (the component fills it as it renders peers). */
  views: Map<string, HTMLVideoElement>;
  /** Where the other side's audio elements go (hidden). */
  audio: HTMLElement;
  onState: (s: CallState) => void;
};

const QUALITY: Record<ConnectionQuality, Quality> = {
  [ConnectionQuality.Excellent]: 'excellent',
  [ConnectionQuality.Good]: 'good',
  [ConnectionQuality.Poor]: 'poor',
  [ConnectionQuality.Lost]: 'lost',
  [ConnectionQuality.Unknown]: 'unknown',
};
const AUDIO_ONLY_ATTRIBUTE = 'audio_only';

export async function connectCall(o: CallOptions): Promise<CallHandle> {
  const state: CallState = {
    phase: 'connecting',
    mic: false,
    camera: false,
    screen: false,
    facing: 'user',
    quality: 'unknown',
    audioOnly: false,
    peers: [],
    problem: null,
  };
  const emit = () => o.onState({ ...state, peers: state.peers.map((p) => ({ ...p })) });
  let room = new Room({ adaptiveStream: true, dynacast: true });
  let fallback = initialFallback();
  let left = false;

  const mine = () => room.localParticipant;
  /** Each participant's best picture in their element: a screen share wins over the camera. */
  function showRemote() {
    for (const p of room.remoteParticipants.values()) {
      const el = o.views.get(p.identity);
      if (!el) continue;
      const pubs = [...p.trackPublications.values()];
      const pick =
        pubs.find((x) => x.source === Track.Source.ScreenShare && x.track && !x.isMuted) ??
        pubs.find((x) => x.source === Track.Source.Camera && x.track && !x.isMuted);
      if (pick?.track) pick.track.attach(el);
      else el.srcObject = null;
    }
  }

  function showLocal() {
    const cam = mine().getTrackPublication(Track.Source.Camera);
    if (cam?.track && !cam.isMuted) cam.track.attach(o.local);
    else o.local.srcObject = null;
  }

  function readState() {
    const me = mine();
    state.mic = me.isMicrophoneEnabled;
    state.camera = me.isCameraEnabled;
    state.screen = me.isScreenShareEnabled;
    state.quality = QUALITY[me.connectionQuality];
    state.peers = [...room.remoteParticipants.values()].map((p) => ({
      identity: p.identity,
      name: p.name || '对方',
      mic: p.isMicrophoneEnabled,
      camera: p.isCameraEnabled,
      screen: p.isScreenShareEnabled,
      quality: QUALITY[p.connectionQuality],
      audioOnly: p.attributes[AUDIO_ONLY_ATTRIBUTE] === 'network',
    }));
    showLocal();
    showRemote();
    emit();
  }

  async function setAudioOnly(on: boolean) {
    if (state.audioOnly === on) return;
    state.audioOnly = on;
    await mine()
      .setCameraEnabled(!on)
      .catch(() => {});
    await mine()
      .setAttributes({ [AUDIO_ONLY_ATTRIBUTE]: on ? 'network' : '' })
      .catch(() => {});
    readState();
  }

  /** The audio-only fallback (./fallback.ts), driven by LiveKit's own quality measure of this side. */
  function onMyQuality(q: ConnectionQuality) {
    fallback = nextFallback(fallback, QUALITY[q], Date.now(), state.camera || state.audioOnly);
    if (fallback.audioOnly !== state.audioOnly) void setAudioOnly(fallback.audioOnly);
  }

  function wire(r: Room) {
    r.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Audio) o.audio.appendChild(track.attach());
      readState();
    })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
        // Audio elements were made here; video elements are the page's.
        track.detach().forEach((el) => el instanceof HTMLAudioElement && el.remove());
        readState();
      })
      .on(RoomEvent.ParticipantConnected, readState)
      .on(RoomEvent.ParticipantDisconnected, readState)
      .on(RoomEvent.TrackMuted, readState)
      .on(RoomEvent.TrackUnmuted, readState)
      .on(RoomEvent.TrackPublished, readState)
      .on(RoomEvent.TrackUnpublished, readState)
      .on(RoomEvent.LocalTrackPublished, readState)
      .on(RoomEvent.LocalTrackUnpublished, readState)
      .on(RoomEvent.ParticipantAttributesChanged, readState)
      .on(RoomEvent.ConnectionQualityChanged, (q: ConnectionQuality, p: Participant) => {
        if (p.identity === r.localParticipant.identity) onMyQuality(q);
        readState();
      })
      .on(RoomEvent.Reconnecting, () => {
        state.phase = 'reconnecting';
        emit();
      })
      .on(RoomEvent.Reconnected, () => {
        state.phase = 'connected';
        readState();
      })
      .on(RoomEvent.Disconnected, () => {
        state.phase = 'disconnected';
        emit();
      });
  }

  async function join() {
    state.phase = 'connecting';
    state.problem = null;
    emit();
    const { url, token } = await o.getToken();
    wire(room);
    await room.connect(url, token);
    state.phase = 'connected';
    try {
      await mine().enableCameraAndMicrophone();
    } catch (e) {
      state.problem = mediaProblem(e);
    }
    readState();
  }

  await join();

  return {
    async toggleMic() {
      await mine().setMicrophoneEnabled(!state.mic);
      readState();
    },
    async toggleCamera() {
      const on = !state.camera;
      try {
        if (!on && state.screen) await mine().setScreenShareEnabled(false);
        await mine().setCameraEnabled(on, { facingMode: state.facing });
        if (on) state.problem = null;
      } catch (e) {
        state.problem = mediaProblem(e);
      }
      readState();
    },
    async toggleScreen() {
      try {
        await mine().setScreenShareEnabled(!state.screen, { audio: false });
      } catch (e) {
        // Cancelling the browser's picker is not a problem worth a message.
        if (!(e instanceof Error && e.name === 'NotAllowedError')) state.problem = '无法共享屏幕，请重试。';
      }
      readState();
    },
    async switchCamera() {
      const cam = mine().getTrackPublication(Track.Source.Camera)?.track as LocalVideoTrack | undefined;
      if (!cam) return;
      const next = state.facing === 'user' ? 'environment' : 'user';
      try {
        await cam.restartTrack({ facingMode: next });
        state.facing = next;
      } catch (e) {
        state.problem = mediaProblem(e);
      }
      readState();
    },
    async refresh() {
      if (left) return;
      await room.disconnect(true);
      room = new Room({ adaptiveStream: true, dynacast: true });
      await join();
    },
    async leave() {
      left = true;
      await room.disconnect(true);
      o.audio.replaceChildren();
    },
    redraw: showRemote,
  };
}
