// Why the camera or microphone cannot be used, in Chinese, with what to do — for the pre-call check and the call.
// Kept apart from livekit-call.ts so the check does not load livekit-client.

/** A permission or device error from getUserMedia / getDisplayMedia, explained. */
export function mediaProblem(e: unknown): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return '浏览器未允许使用摄像头或麦克风。请点击地址栏左侧的图标，将“摄像头”和“麦克风”设为“允许”，然后点击“刷新”。';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return '未找到可用的摄像头或麦克风，请连接设备后点击“刷新”。';
  if (name === 'NotReadableError') return '摄像头或麦克风正被其他程序使用，请关闭其他程序后点击“刷新”。';
  return '无法开启摄像头或麦克风，请点击“刷新”重试。';
}
