import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors';
import type { Logger } from '../log';

const run = promisify(execFile);

/**
 * The containers a voice message may come in, by the demuxer ffmpeg is told to use. Naming it stops ffmpeg from
 * guessing the format itself, so an upload cannot pass as a playlist or another format that reads other files.
 */
export type AudioContainer = 'matroska' | 'ogg' | 'mov' | 'mp3' | 'aac';

/** Sniffed types (see file-type) that are sound, or may be: `video/*` ones hold a film unless a probe says not. */
const CONTAINERS: Record<string, AudioContainer> = {
  'audio/webm': 'matroska',
  'video/webm': 'matroska',
  'video/matroska': 'matroska',
  'video/x-matroska': 'matroska',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mp4': 'mov',
  'audio/x-m4a': 'mov',
  'video/mp4': 'mov',
  'audio/aac': 'aac',
  'audio/mpeg': 'mp3',
};

/** The codecs a voice message may be in; other decoders are never handed an upload. */
const CODECS = new Set(['opus', 'vorbis', 'aac', 'mp3']);

/** The container for a sniffed type (parameters such as `; codecs=opus` ignored), if it can hold sound. */
export function audioContainerOf(mime: string): { container: AudioContainer; maybeFilm: boolean } | null {
  const base = mime.split(';')[0]!.trim();
  const container = CONTAINERS[base];
  return container ? { container, maybeFilm: base.startsWith('video/') } : null;
}

/** The PCM the waveform and the duration are taken from: mono, 16-bit, this many samples a second. */
const PCM_RATE = 8000;
/** A recording stopped right at the limit runs a little over it. */
const SLACK_MS = 1000;
/** Below this peak (5% of full scale) a recording is quiet, and its bars stay low instead of being stretched. */
const QUIET_PEAK = 0.05 * 32768;

export interface VoiceInfo {
  durationMs: number;
  waveform: number[];
  /** The sound as AAC in MP4, without tags, chapters, cover art or anything but the first audio stream. */
  file: string;
  size: number;
}

/**
 * `bars` peaks of 16-bit mono PCM, 0..100, relative to the loudest (a quiet recording is not stretched to full
 * height). Fewer samples than bars repeat the samples they have.
 */
export function waveformOf(pcm: Int16Array, bars: number): number[] {
  if (pcm.length === 0) return new Array<number>(bars).fill(0);
  const peaks = new Array<number>(bars);
  for (let bar = 0; bar < bars; bar++) {
    const from = Math.floor((bar * pcm.length) / bars);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * pcm.length) / bars));
    let peak = 0;
    for (let i = from; i < to && i < pcm.length; i++) {
      const v = Math.abs(pcm[i]!);
      if (v > peak) peak = v;
    }
    peaks[bar] = peak;
  }
  const loudest = Math.max(QUIET_PEAK, ...peaks);
  return peaks.map((p) => Math.min(100, Math.round((p / loudest) * 100)));
}

interface FfprobeOutput {
  streams?: Array<{ codec_type?: string; codec_name?: string; channels?: number; disposition?: { attached_pic?: number } }>;
  format?: { duration?: string };
}

/**
 * Voice messages through ffmpeg/ffprobe: checked, measured, drawn as a waveform and re-encoded without metadata.
 * Without ffmpeg nothing can be checked, so sound is not taken as a voice message at all (the log says so once).
 */
export class AudioProcessor {
  private ready: Promise<boolean> | undefined;

  constructor(private readonly log: Logger) {}

  available(): Promise<boolean> {
    return (this.ready ??= Promise.all([run('ffmpeg', ['-version']), run('ffprobe', ['-version'])]).then(
      () => true,
      () => {
        this.log.warn('ffmpeg/ffprobe not found: sound is shared as a plain file, not as a voice message (install ffmpeg to fix)');
        return false;
      },
    ));
  }

  private async probe(file: string, container: AudioContainer): Promise<FfprobeOutput | null> {
    const probe = await run('ffprobe', ['-v', 'error', '-f', container, '-print_format', 'json', '-show_format', '-show_streams', file], {
      timeout: 30_000,
    }).catch(() => null);
    if (!probe) return null;
    try {
      return JSON.parse(probe.stdout) as FfprobeOutput;
    } catch {
      return null;
    }
  }

  /** Whether a container that could hold a film holds sound and no moving picture (cover art does not count). */
  async soundOnly(file: string, container: AudioContainer): Promise<boolean> {
    const info = await this.probe(file, container);
    const streams = info?.streams ?? [];
    const film = streams.some((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
    return !film && streams.some((s) => s.codec_type === 'audio');
  }

  /**
   * Decodes the first audio stream once, into an AAC copy in `workDir` and a PCM copy for the duration and the
   * waveform. Throws `invalid_audio` for anything that is not sound in an allowed codec, `audio_too_long` past
   * `maxMs`; decoding stops just past the limit, so a long upload costs no more than an allowed one.
   */
  async process(file: string, container: AudioContainer, workDir: string, limits: { maxMs: number; bars: number }): Promise<VoiceInfo> {
    const info = await this.probe(file, container);
    const stream = info?.streams?.find((s) => s.codec_type === 'audio');
    if (!stream || !CODECS.has(stream.codec_name ?? '')) {
      throw new AppError('invalid_audio', 'The recording is not Opus, Vorbis, AAC or MP3 sound we can play.');
    }
    const tooLong = () => new AppError('audio_too_long', `A voice message may be at most ${Math.round(limits.maxMs / 1000)} seconds long.`);
    const stated = Number(info?.format?.duration);
    // A browser's recording often states no duration; the decoded samples below are counted either way.
    if (Number.isFinite(stated) && stated * 1000 > limits.maxMs + SLACK_MS) throw tooLong();

    const out = path.join(workDir, 'voice.m4a');
    const until = String((limits.maxMs + SLACK_MS + 500) / 1000);
    const stereo = (stream.channels ?? 1) >= 2;
    const args = [
      '-v', 'error', '-nostdin', '-f', container, '-i', file,
      '-map', '0:a:0', '-t', until, '-map_metadata', '-1', '-map_chapters', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact',
      '-ac', stereo ? '2' : '1', '-c:a', 'aac', '-b:a', stereo ? '96k' : '64k', '-movflags', '+faststart', '-f', 'mp4', '-y', out,
      '-map', '0:a:0', '-t', until, '-ac', '1', '-ar', String(PCM_RATE), '-f', 's16le', '-c:a', 'pcm_s16le', 'pipe:1',
    ];
    const maxPcm = Math.ceil(((limits.maxMs + SLACK_MS + 1000) / 1000) * PCM_RATE * 2);
    const decoded = await run('ffmpeg', args, { encoding: 'buffer', maxBuffer: maxPcm, timeout: 120_000 }).catch((err: unknown) => {
      throw new AppError('invalid_audio', 'The recording could not be read.', { cause: err });
    });
    // A copy: the Buffer may start at an odd offset of a shared pool, where an Int16Array view cannot.
    const pcm = new Uint8Array(decoded.stdout.subarray(0, decoded.stdout.byteLength - (decoded.stdout.byteLength % 2)));
    const samples = new Int16Array(pcm.buffer);
    const durationMs = Math.round((samples.length / PCM_RATE) * 1000);
    if (durationMs === 0) throw new AppError('invalid_audio', 'The recording has no sound in it.');
    if (durationMs > limits.maxMs + SLACK_MS) throw tooLong();
    const { size } = await stat(out);
    return { durationMs, waveform: waveformOf(samples, limits.bars), file: out, size };
  }
}
