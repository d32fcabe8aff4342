import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { Logger } from '../log';

const run = promisify(execFile);

export interface VideoInfo {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  /** A WebP poster frame. */
  poster: Buffer;
  /** A copy without container metadata (location, device), or null to keep the upload as it is. */
  cleaned: string | null;
}

/**
 * Poster frames and durations through ffmpeg/ffprobe when they are installed. Without them a video is stored as
 * uploaded, with a plain poster, and the log says so once.
 */
export class VideoProcessor {
  private available: Promise<boolean> | undefined;

  constructor(private readonly log: Logger) {}

  private hasFfmpeg(): Promise<boolean> {
    return (this.available ??= Promise.all([run('ffmpeg', ['-version']), run('ffprobe', ['-version'])]).then(
      () => true,
      () => {
        this.log.warn('ffmpeg/ffprobe not found: videos get a generic poster and no duration (install ffmpeg to fix)');
        return false;
      },
    ));
  }

  /** `file` is a local path; `workDir` receives the cleaned copy, which the caller removes. */
  async process(file: string, workDir: string): Promise<VideoInfo> {
    if (!(await this.hasFfmpeg())) return { durationMs: null, width: null, height: null, poster: await genericPoster(), cleaned: null };
    const probe = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]).catch(() => null);
    const info = probe ? (JSON.parse(probe.stdout) as FfprobeOutput) : undefined;
    const stream = info?.streams?.find((s) => s.codec_type === 'video');
    const seconds = Number(info?.format?.duration);

    const frameDir = await mkdtemp(path.join(tmpdir(), 'maum-poster-'));
    let poster: Buffer;
    try {
      const frame = path.join(frameDir, 'poster.png');
      const at = Number.isFinite(seconds) && seconds > 1 ? '1' : '0';
      await run('ffmpeg', ['-v', 'error', '-ss', at, '-i', file, '-frames:v', '1', '-y', frame]);
      poster = await sharp(await readFile(frame)).resize(800, 800, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    } catch {
      poster = await genericPoster();
    } finally {
      await rm(frameDir, { recursive: true, force: true });
    }

    const cleaned = path.join(workDir, `clean${path.extname(file) || '.mp4'}`);
    const stripped = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0', '-map_metadata', '-1', '-c', 'copy', '-y', cleaned]).then(
      () => true,
      () => false,
    );
    return {
      durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
      width: stream?.width ?? null,
      height: stream?.height ?? null,
      poster,
      cleaned: stripped ? cleaned : null,
    };
  }
}

interface FfprobeOutput {
  streams?: Array<{ codec_type?: string; width?: number; height?: number }>;
  format?: { duration?: string };
}

let generic: Promise<Buffer> | undefined;
function genericPoster(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#2b2b2b"/><circle cx="320" cy="180" r="54" fill="#fee500"/><path d="M302 150 L350 180 L302 210 Z" fill="#2b2b2b"/></svg>`;
  return (generic ??= sharp(Buffer.from(svg)).webp().toBuffer());
}
