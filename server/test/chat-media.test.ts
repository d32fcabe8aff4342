import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directRoom, people, type Person } from './support/chat';
import { hasFfmpeg } from './support/ffmpeg';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
let a: Person;
let b: Person;
let outsider: Person;
let roomId: string;
beforeAll(async () => {
  server = await startTestServer({ MEDIA_MAX_IMAGE_BYTES: String(2 * 1024 * 1024), MEDIA_MAX_FILE_BYTES: String(300 * 1024), IMAGE_MAX_PIXELS: String(10_000_000) });
  [a, b, outsider] = (await people(server, 3)) as [Person, Person, Person];
  roomId = (await directRoom(server, a, b)).id;
});
afterAll(() => server.close());

function upload(who: Person, data: Buffer, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return server.request('POST', `/api/rooms/${roomId}/media`, { token: who.token, body: form });
}

async function fetchVariant(who: Person, mediaId: string, variant: string) {
  return fetch(`${server.url}/api/media/${mediaId}/${variant}`, { headers: { authorization: `Bearer ${who.token}` } });
}

const ffmpeg = hasFfmpeg;

describe('chat media', () => {
  it('re-encodes a photo without its GPS, serves it to members, and sends it as an image message', async () => {
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#4a90d9' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'MaumCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1', GPSLongitudeRef: 'E', GPSLongitude: '126/1 58/1 40/1' } })
      .toBuffer();
    expect(await exifr.gps(photo)).toBeTruthy();
    const res = await upload(a, photo, 'holiday.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', mime: 'image/webp', width: 1600, height: 1200, variants: ['display', 'thumb'] });

    for (const variant of ['display', 'thumb']) {
      const served = await fetchVariant(b, res.body.id, variant);
      expect(served.status).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(await exifr.parse(bytes, { gps: true }).catch(() => undefined)).toBeUndefined();
      expect(Math.max(meta.width!, meta.height!)).toBe(variant === 'display' ? 1600 : 320);
    }
    expect((await fetchVariant(b, res.body.id, 'original')).status).toBe(404);
    expect((await fetchVariant(outsider, res.body.id, 'display')).status).toBe(403);

    const socket = await TestSocket.open(server.url, b.token);
    const sent = await server.request('POST', `/api/rooms/${roomId}/messages`, {
      token: a.token,
      body: { clientMsgId: 'photo-1', kind: 'image', body: { mediaId: res.body.id, caption: 'Jeju!' } },
    });
    expect(sent.status).toBe(200);
    const msg = await socket.waitFor((f) => f.t === 'msg' && f.seq === sent.body.seq);
    socket.close();
    expect(msg).toMatchObject({ kind: 'image', body: { mediaId: res.body.id, caption: 'Jeju!', media: { kind: 'image', width: 1600 } } });

    const wrongKind = await server.request('POST', `/api/rooms/${roomId}/messages`, {
      token: a.token,
      body: { clientMsgId: 'photo-2', kind: 'video', body: { mediaId: res.body.id } },
    });
    expect(wrongKind.status).toBe(400);
  });

  it('types uploads by their bytes: a PNG named .jpg is an image, a JPEG named .txt too, text named .png is a file', async () => {
    const png = await sharp({ create: { width: 100, height: 80, channels: 4, background: '#f00' } }).png().toBuffer();
    const asJpg = await upload(a, png, 'not-really.jpg', 'image/jpeg');
    expect(asJpg.body).toMatchObject({ kind: 'image', width: 100, height: 80 });
    const jpeg = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#0f0' } }).jpeg().toBuffer();
    expect((await upload(a, jpeg, 'notes.txt', 'text/plain')).body.kind).toBe('image');
    const text = await upload(a, Buffer.from('just some words, no picture'), 'picture.png', 'image/png');
    expect(text.body).toMatchObject({ kind: 'file', mime: 'application/octet-stream', name: 'picture.png', variants: ['original'] });
    const served = await fetchVariant(b, text.body.id, 'original');
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toContain("filename*=UTF-8''picture.png");
    expect(await served.text()).toBe('just some words, no picture');
  });

  it('rejects pixel bombs, and uploads over the cap of their kind', async () => {
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#fff' } }).png().toBuffer();
    const res = await upload(a, bomb, 'bomb.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('image_too_large');
    const bigFile = Buffer.alloc(400 * 1024, 7);
    const tooBig = await upload(a, bigFile, 'big.bin');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('payload_too_large');
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('stores a video with a poster (and, with ffmpeg, its duration and no location metadata)', async () => {
    if (!ffmpeg && process.env.CI === 'true') throw new Error('ffmpeg is required in CI');
    let video: Buffer;
    if (ffmpeg) {
      const dir = await mkdtemp(path.join(tmpdir(), 'maum-video-'));
      const file = path.join(dir, 'clip.mp4');
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=10', '-movflags', 'use_metadata_tags', '-metadata', 'location=+37.5665+126.9780/', '-pix_fmt', 'yuv420p', '-y', file]);
      video = await readFile(file);
      await rm(dir, { recursive: true, force: true });
    } else {
      console.warn('ℹ ffmpeg is not installed: checking the stored-as-is path with a generic poster');
      // The smallest thing file-type recognises as MP4: an ftyp box.
      video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.from([0, 0, 0, 0]), Buffer.from('mp42isom'), Buffer.alloc(64)]);
    }
    const res = await upload(a, video, 'clip.mp4', 'video/mp4');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'video', mime: 'video/mp4' });
    expect(res.body.variants.sort()).toEqual(['original', 'poster']);
    const poster = await fetchVariant(b, res.body.id, 'poster');
    expect((await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).format).toBe('webp');
    if (ffmpeg) {
      expect(res.body).toMatchObject({ width: 320, height: 240 });
      expect(res.body.durationMs).toBeGreaterThan(1500);
      const original = Buffer.from(await (await fetchVariant(b, res.body.id, 'original')).arrayBuffer());
      expect(original.includes(Buffer.from('+37.5665'))).toBe(false);
      expect(video.includes(Buffer.from('+37.5665'))).toBe(true);
    } else {
      expect(res.body.durationMs).toBeNull();
    }
  });
});
