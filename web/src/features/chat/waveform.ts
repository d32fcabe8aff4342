/** The shortest bar, in percent of the tallest, so that silence still reads as a waveform and not as nothing. */
export const MIN_BAR = 12;

/**
 * `count` bars from a waveform of any length (peaks 0..100): each bar is the loudest peak it covers, so a short
 * loud word is not lost when many peaks share a bar. Without a waveform (a message from before waveforms, or one
 * still being read), every bar is flat.
 */
export function resampleWaveform(peaks: readonly number[] | null | undefined, count: number): number[] {
  if (count <= 0) return [];
  if (!peaks || peaks.length === 0) return new Array<number>(count).fill(0);
  const bars = new Array<number>(count);
  for (let bar = 0; bar < count; bar++) {
    const from = Math.floor((bar * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * peaks.length) / count));
    let peak = 0;
    for (let i = from; i < to && i < peaks.length; i++) peak = Math.max(peak, clamp(peaks[i]!, 0, 100));
    bars[bar] = peak;
  }
  return bars;
}

/** Bar heights in percent, between `MIN_BAR` and 100. */
export function barHeights(peaks: readonly number[] | null | undefined, count: number): number[] {
  return resampleWaveform(peaks, count).map((p) => Math.round(MIN_BAR + (p * (100 - MIN_BAR)) / 100));
}

/** How many of `count` bars have been played at `positionMs` of `durationMs`. */
export function playedBars(positionMs: number, durationMs: number, count: number): number {
  if (!(durationMs > 0) || !(positionMs > 0)) return 0;
  return Math.min(count, Math.round((positionMs / durationMs) * count));
}

/** Where a press on the waveform lands, 0..1 along it. */
export function seekFraction(clientX: number, left: number, width: number): number {
  if (!(width > 0)) return 0;
  return clamp((clientX - left) / width, 0, 1);
}

/**
 * The first recording format the browser can make, in the order the server prefers to receive them: Opus in
 * WebM (Chrome, Edge, Firefox), Opus in Ogg (older Firefox), AAC in MP4 (Safari). Undefined when it can make none.
 */
export function pickRecordingType(isTypeSupported: (type: string) => boolean): string | undefined {
  const types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4;codecs=mp4a.40.2', 'audio/mp4', 'audio/webm'];
  return types.find((type) => {
    try {
      return isTypeSupported(type);
    } catch {
      return false;
    }
  });
}

/** A file name for a recording, from its type and when it was made (the server renames it to .m4a anyway). */
export function recordingName(type: string, at: Date): string {
  const ext = type.startsWith('audio/mp4') ? 'm4a' : type.startsWith('audio/ogg') ? 'ogg' : 'webm';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `voice-${stamp}.${ext}`;
}

/**
 * A waveform, peaks 0..100 relative to the loudest, from the input levels (0..1) sampled while recording: what the
 * sender's bubble shows until the server's own waveform arrives with the upload.
 */
export function levelsToWaveform(levels: readonly number[], bars: number): number[] {
  const resampled = resampleWaveform(
    levels.map((l) => clamp(l, 0, 1) * 100),
    bars,
  );
  const loudest = Math.max(5, ...resampled);
  return resampled.map((p) => Math.round((p / loudest) * 100));
}

/** The peak level (0..1) of one analyser frame of time-domain samples (128 is silence). */
export function frameLevel(samples: Uint8Array): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
  return Math.min(1, peak / 128);
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
