import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { WAVEFORM_BARS, type Media, type mediaKinds } from '@maum/protocol';
import { requireUser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { Upload as HttpUpload } from '../../platform/http/uploads';
import { newId } from '../../platform/ids';
import { audioContainerOf, type AudioProcessor } from '../../platform/media/audio';
import { IMAGE_TYPES, photoVariants } from '../../platform/media/images';
import type { ByteRange, MediaStore } from '../../platform/media/media-store';
import type { VideoProcessor } from '../../platform/media/video';
import type { ChatRepository } from './chat.repository';
import { toMedia } from './chat.mappers';

const VIDEO_TYPES = new Set(['video/mp4', 'video/webm', 'video/quicktime', 'video/x-matroska', 'video/3gpp']);

export interface MediaLimits {
  image: number;
  video: number;
  file: number;
  voice: number;
  maxPixels: number;
  /** The longest voice message. */
  voiceMs: number;
}

export interface ChatMediaDeps {
  repo: ChatRepository;
  store: MediaStore;
  video: VideoProcessor;
  audio: AudioProcessor;
  clock: Clock;
  limits: MediaLimits;
  /** Where uploads are spooled while they are checked. */
  spoolDir: string;
}

export type Upload = Pick<HttpUpload, 'name' | 'stream'>;

function safeName(name: string): string {
  const cleaned = name.replace(/[\\/\p{Cc}]/gu, '_').trim().slice(-120);
  return cleaned || 'file';
}

/**
 * Images, videos, voice messages and files shared in rooms. The type comes from the bytes; images and sound are
 * re-encoded without metadata; only the room's members can fetch any of it.
 */
export class ChatMediaService {
  constructor(private readonly deps: ChatMediaDeps) {}

  /** The largest upload any kind allows; the HTTP layer stops reading beyond it. */
  get maxUploadBytes(): number {
    const { image, video, file, voice } = this.deps.limits;
    return Math.max(image, video, file, voice);
  }

  async upload(actor: Actor, roomId: string, upload: Upload): Promise<Media> {
    const me = requireUser(actor);
    if (!(await this.deps.repo.findMember(roomId, me.userId))) {
      upload.stream.resume();
      throw new AppError('forbidden', 'You are not a member of this room.');
    }
    await mkdir(this.deps.spoolDir, { recursive: true });
    const work = await mkdtemp(path.join(this.deps.spoolDir, 'upload-'));
    try {
      const spooled = path.join(work, 'upload');
      // A body cut short or over the size cap fails here (see readUpload).
      await pipeline(upload.stream, createWriteStream(spooled));
      const { size } = await stat(spooled);
      const sniffed = await fileTypeFromFile(spooled);
      const mime = sniffed?.mime ?? 'application/octet-stream';
      const sound = await this.soundIn(spooled, mime);
      const kind: (typeof mediaKinds)[number] = IMAGE_TYPES.has(mime) ? 'image' : sound ? 'voice' : VIDEO_TYPES.has(mime) ? 'video' : 'file';
      const cap = this.deps.limits[kind];
      if (size > cap) throw new AppError('payload_too_large', `A ${kind} may be at most ${Math.round(cap / 1024 / 1024)} MB.`);
      if (size === 0) throw new AppError('validation_failed', 'The file is empty.');

      const id = newId('med');
      const prefix = `rooms/${roomId.slice(5)}/${id.slice(4)}`;
      const variants: Record<string, string> = {};
      let width: number | null = null;
      let height: number | null = null;
      let durationMs: number | null = null;
      let waveform: number[] | null = null;
      let panorama = false;
      let stored = { mime, size };
      let name = safeName(upload.name);
      if (kind === 'image') {
        const photo = await photoVariants(await readFile(spooled), { maxPixels: this.deps.limits.maxPixels }, { panoramas: true });
        await this.deps.store.put((variants.display = `${prefix}/display.webp`), photo.display);
        await this.deps.store.put((variants.thumb = `${prefix}/thumb.webp`), photo.thumb);
        ({ width, height, panorama } = photo);
        stored = { mime: 'image/webp', size };
        name = name.replace(/\.[^.]*$/, '') + '.webp';
      } else if (kind === 'voice' && sound) {
        const voice = await this.deps.audio.process(spooled, sound, work, { maxMs: this.deps.limits.voiceMs, bars: WAVEFORM_BARS });
        await this.deps.store.putFile((variants.original = `${prefix}/voice.m4a`), voice.file);
        ({ durationMs, waveform } = voice);
        // What is stored and served is the re-encoded copy, not the upload.
        stored = { mime: 'audio/mp4', size: voice.size };
        name = name.replace(/\.[^.]*$/, '') + '.m4a';
      } else if (kind === 'video') {
        const video = await this.deps.video.process(spooled, work);
        await this.deps.store.putFile((variants.original = `${prefix}/original.${sniffed?.ext ?? 'mp4'}`), video.cleaned ?? spooled);
        await this.deps.store.put((variants.poster = `${prefix}/poster.webp`), video.poster);
        ({ width, height, durationMs } = video);
      } else {
        await this.deps.store.putFile((variants.original = `${prefix}/original.bin`), spooled);
      }
      const row = await this.deps.repo.insertMedia({
        id,
        roomId,
        uploaderId: me.userId,
        kind,
        mime: stored.mime,
        name,
        size: stored.size,
        width,
        height,
        durationMs,
        waveform,
        panorama,
        variants,
        createdAt: this.deps.clock.now(),
      });
      return toMedia(row);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /**
   * The container of an upload that is sound: an audio type, or a film type that a probe finds has no picture (a
   * browser's recording is often `video/webm` by its bytes). Null when it is not sound, or ffmpeg is missing.
   */
  private async soundIn(file: string, mime: string) {
    const audio = audioContainerOf(mime);
    if (!audio || !(await this.deps.audio.available())) return null;
    if (audio.maybeFilm && !(await this.deps.audio.soundOnly(file, audio.container))) return null;
    return audio.container;
  }

  /** The bytes of one variant (all, or the `range` asked for: a video is played by ranges), for members of the media's room only. */
  async open(actor: Actor, mediaId: string, variant: string, range?: ByteRange) {
    const me = requireUser(actor);
    const media = await this.deps.repo.findMedia(mediaId);
    if (!media) throw new AppError('not_found', 'No such file.');
    if (!(await this.deps.repo.findMember(media.roomId, me.userId))) throw new AppError('forbidden', 'You are not a member of this room.');
    const key = media.variants[variant];
    if (!key) throw new AppError('not_found', `This file has no ${variant} version.`);
    const found = await this.deps.store.stream(key, range);
    if (!found) throw new AppError('not_found', 'The file is missing from storage.');
    const mime = variant === 'original' ? media.mime : 'image/webp';
    return { read: found, mime, name: media.name, download: media.kind === 'file' };
  }
}
