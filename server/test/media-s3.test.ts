import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directRoom, people, type Person } from './support/chat';
import { commerceSteps } from './support/commerce';
import { hasFfmpeg } from './support/ffmpeg';
import { s3StandinOrSkip } from './support/s3-standin';
import { startTestServer, type TestServer } from './support/test-server';

const standin = await s3StandinOrSkip('media on S3');

let server: TestServer;
let a: Person;
let b: Person;
let outsider: Person;
let roomId: string;
let work: string;

describe.skipIf(!standin)('media kept in an S3-compatible bucket', () => {
  beforeAll(async () => {
    server = await startTestServer({ ...standin!.env, MEDIA_MAX_FILE_BYTES: String(40 * 1024 * 1024) });
    [a, b, outsider] = (await people(server, 3)) as [Person, Person, Person];
    roomId = (await directRoom(server, a, b)).id;
    work = await mkdtemp(path.join(tmpdir(), 'maum-media-s3-'));
  });

  afterAll(async () => {
    await server?.close();
    await standin?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const picture = (colour: string, width = 640, height = 480) =>
    sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();

  function form(data: Buffer, name: string, type: string) {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(data)], { type }), name);
    return body;
  }

  const upload = (who: Person, data: Buffer, name: string, type = 'application/octet-stream') =>
    server.request('POST', `/api/rooms/${roomId}/media`, { token: who.token, body: form(data, name, type) });

  async function get(target: string, who?: Person, headers: Record<string, string> = {}) {
    const res = await fetch(server.url + target, { headers: { ...headers, ...(who && { authorization: `Bearer ${who.token}` }) } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** The stored object's key, found by the tail of its name in the bucket. */
  async function stored(pattern: RegExp): Promise<string[]> {
    return (await standin!.keys()).filter((key) => pattern.test(key));
  }

  it('keeps a profile picture in the bucket and serves it at its public address', async () => {
    const res = await server.request('PUT', '/api/me/avatar', { token: a.token, body: form(await picture('#f5c518'), 'me.jpg', 'image/jpeg') });
    expect(res.status).toBe(200);
    const key = (res.body.avatarUrl as string).replace(/^\/media\//, '');
    expect(await stored(new RegExp(`^${key}$`))).toEqual([key]);
    const served = await get(res.body.avatarUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(served.bytes).metadata()).width).toBe(512);
  });

  it('keeps a chat photo in the bucket and serves it to the room’s members only', async () => {
    const res = await upload(a, await picture('#4a90d9', 2400, 1800), 'jeju.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(await stored(new RegExp(`/${id.slice(4)}/`))).toEqual(expect.arrayContaining([expect.stringMatching(/display\.webp$/), expect.stringMatching(/thumb\.webp$/)]));
    const display = await get(`/api/media/${id}/display`, b);
    expect(display.status).toBe(200);
    expect(await sharp(display.bytes).metadata()).toMatchObject({ width: 1600, height: 1200 });
    expect((await get(`/api/media/${id}/display`, outsider)).status).toBe(403);
    expect((await get(`/api/media/${id}/display`)).status).toBe(401);
    expect((await upload(outsider, await picture('#000'), 'x.jpg', 'image/jpeg')).status).toBe(403);
  });

  it('serves a video by ranges from the bucket (206 with the right bytes and Content-Range), to members only', async () => {
    if (!hasFfmpeg && process.env.CI === 'true') throw new Error('ffmpeg is required in CI');
    let video: Buffer;
    if (hasFfmpeg) {
      const file = path.join(work, 'clip.mp4');
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=10', '-pix_fmt', 'yuv420p', '-y', file]);
      video = await readFile(file);
    } else {
      video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.from([0, 0, 0, 0]), Buffer.from('mp42isom'), randomBytes(4096)]);
    }
    const res = await upload(a, video, 'clip.mp4', 'video/mp4');
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(await stored(new RegExp(`/${id.slice(4)}/original\\.mp4$`))).toHaveLength(1);
    expect(await stored(new RegExp(`/${id.slice(4)}/poster\\.webp$`))).toHaveLength(1);

    const whole = await get(`/api/media/${id}/original`, b);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const size = whole.bytes.length;
    expect(Number(whole.headers.get('content-length'))).toBe(size);
    expect(size).toBeGreaterThan(1100);

    const middle = await get(`/api/media/${id}/original`, b, { range: 'bytes=100-1099' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 100-1099/${size}`);
    expect(middle.headers.get('content-length')).toBe('1000');
    expect(middle.headers.get('content-type')).toBe('video/mp4');
    expect(middle.bytes.equals(whole.bytes.subarray(100, 1100))).toBe(true);

    const rest = await get(`/api/media/${id}/original`, b, { range: `bytes=${size - 10}-` });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(rest.bytes.equals(whole.bytes.subarray(size - 10))).toBe(true);

    const tail = await get(`/api/media/${id}/original`, b, { range: 'bytes=-16' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(whole.bytes.subarray(size - 16))).toBe(true);

    const past = await get(`/api/media/${id}/original`, b, { range: `bytes=${size}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(JSON.parse(past.bytes.toString())).toMatchObject({ code: 'range_not_satisfiable' });

    // A range does not get around the room's door.
    expect((await get(`/api/media/${id}/original`, outsider, { range: 'bytes=0-99' })).status).toBe(403);
    expect((await get(`/api/media/${id}/poster`, b)).status).toBe(200);
  });

  it('keeps a voice message in the bucket', async () => {
    if (!hasFfmpeg && process.env.CI === 'true') throw new Error('ffmpeg is required in CI');
    if (!hasFfmpeg) return console.warn('ℹ ffmpeg is not installed: a voice message cannot be made, so this check is skipped');
    const recording = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', "aevalsrc='0.5*sin(2*PI*440*t)':s=48000:d=2", '-c:a', 'libopus', '-b:a', '32k', '-f', 'webm', 'pipe:1'],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const res = await upload(a, recording, 'voice.webm', 'audio/webm');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'voice', mime: 'audio/mp4' });
    const keys = await stored(new RegExp(`/${(res.body.id as string).slice(4)}/voice\\.m4a$`));
    expect(keys).toHaveLength(1);
    const served = await get(`/api/media/${res.body.id}/original`, b);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('audio/mp4');
    expect(served.bytes.length).toBe(res.body.size);
    expect((await get(`/api/media/${res.body.id}/original`, outsider)).status).toBe(403);
  });

  it('keeps a product picture and a certification’s evidence in the bucket; a certificate is issued from it', async () => {
    const steps = commerceSteps(server);
    const op = await steps.operator();
    const shop = await steps.seller(op, 'brand');
    const product = await steps.product(shop);
    const imageId = await steps.image(shop, '#8d6e63');
    expect(await stored(new RegExp(`^commerce/${imageId}(-thumb)?\\.webp$`))).toHaveLength(2);
    const served = await get(`/api/commerce/images/${imageId}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect((await get(`/api/commerce/images/${imageId}-thumb`)).status).toBe(200);
    // Issuing reads the evidence back from the bucket to hash it into the log entry.
    await steps.certify(op, shop, product.id, [imageId]);
    const issued = await steps.call('POST', '/api/seller/certificates', shop.person, { productId: product.id, serials: ['S3-0001'] });
    expect(issued.status).toBe(201);
  });

  it('keeps profile photos and the cover in the bucket; photos only for those the strip is shown to, the cover for anyone', async () => {
    const shown = await server.request('PATCH', '/api/profile/space', { token: a.token, body: { blocks: [{ kind: 'photos', audience: { kind: 'friends' } }] } });
    expect(shown.status).toBe(200);
    const added = await server.request('POST', '/api/profile/photos', { token: a.token, body: form(await picture('#2e7d32'), 'p.jpg', 'image/jpeg') });
    expect(added.status).toBe(201);
    expect(await stored(new RegExp(`^profiles/${a.user.id}/photo-`))).toHaveLength(1);
    const photo = await get(added.body.url, a);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/webp');
    expect((await get(added.body.url)).status).toBe(401);
    // Someone the strip is not shown to does not get its pictures.
    expect([403, 404]).toContain((await get(added.body.url, outsider)).status);

    const cover = await server.request('PUT', '/api/profile/cover', { token: a.token, body: form(await picture('#6a1b9a'), 'c.jpg', 'image/jpeg') });
    expect(cover.status).toBe(200);
    const coverUrl = cover.body.cover.url as string;
    expect(await stored(new RegExp(`^${coverUrl.slice('/media/'.length)}$`))).toHaveLength(1);
    const served = await get(coverUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
  });

  it('streams a large upload into the bucket in parts, never in one request, and back out whole', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    const from = standin!.calls.length;
    const res = await upload(a, data, 'archive.bin');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'file', size: data.length });
    const calls = standin!.calls.slice(from);
    expect(calls.some((c) => c.method === 'POST' && /[?&]uploads\b/.test(c.url))).toBe(true);
    expect(calls.filter((c) => c.method === 'PUT' && /[?&]partNumber=/.test(c.url)).length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...calls.map((c) => c.bytes))).toBeLessThanOrEqual(8 * 1024 * 1024);
    const served = await get(`/api/media/${res.body.id}/original`, b);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toContain('archive.bin');
    expect(served.bytes.equals(data)).toBe(true);
  });

  it('leaves nothing in the local media folder, and no spooled upload behind', async () => {
    const dataDir = server.env.DATA_DIR!;
    expect(existsSync(path.join(dataDir, 'media'))).toBe(false);
    const spool = path.join(dataDir, 'spool');
    expect(existsSync(spool) ? await readdir(spool) : []).toEqual([]);
  });
});
