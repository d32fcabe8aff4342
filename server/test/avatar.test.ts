import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ AVATAR_MAX_BYTES: String(512 * 1024), IMAGE_MAX_PIXELS: String(4_000_000) });
});
afterAll(() => server.close());

function upload(token: string, data: Buffer, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return server.request('PUT', '/api/me/avatar', { token, body: form });
}

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#f5c518' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'MaumCam', Model: 'Pocket 2' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1', GPSLongitudeRef: 'E', GPSLongitude: '126/1 58/1 40/1' },
    })
    .toBuffer();
}

describe('avatar upload', () => {
  it('resizes the picture and strips its EXIF and GPS metadata', async () => {
    const photo = await photoWithGps();
    // The test photo really carries a location before upload.
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.closeTo(37.566, 2) });

    const { token } = await signUp(server);
    const res = await upload(token, photo);
    expect(res.status).toBe(200);
    expect(res.body.avatarUrl).toMatch(/^\/media\/avatars\/[0-9a-z]{24}\.webp$/);

    const served = await fetch(server.url + res.body.avatarUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const stored = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 512, height: 512 });
    expect(meta.exif).toBeUndefined();
    expect(await exifr.parse(stored, { gps: true }).catch(() => undefined)).toBeUndefined();

    const me = await server.request('GET', '/api/me', { token });
    expect(me.body.avatarUrl).toBe(res.body.avatarUrl);
  });

  it('replaces and removes a picture, and the old file stops being served', async () => {
    const { token } = await signUp(server);
    const first = await upload(token, await photoWithGps());
    const png = await sharp({ create: { width: 300, height: 300, channels: 4, background: '#3366ff' } }).png().toBuffer();
    const second = await upload(token, png, 'x.png', 'image/png');
    expect(second.status).toBe(200);
    expect(second.body.avatarUrl).not.toBe(first.body.avatarUrl);
    expect((await fetch(server.url + first.body.avatarUrl)).status).toBe(404);

    const removed = await server.request('DELETE', '/api/me/avatar', { token });
    expect(removed.body.avatarUrl).toBeNull();
    expect((await fetch(server.url + second.body.avatarUrl)).status).toBe(404);
  });

  it('sniffs the bytes: a text file named .jpg is refused with 400', async () => {
    const { token } = await signUp(server);
    const res = await upload(token, Buffer.from('this is not a picture at all, just text'.repeat(20)), 'cat.jpg');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_image');
    // An image with a lying name and type is still accepted: the bytes decide.
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#000' } }).png().toBuffer();
    expect((await upload(token, png, 'notes.txt', 'text/plain')).status).toBe(200);
  });

  it('refuses files over the byte cap with 413 and pixel bombs with 400', async () => {
    const { token } = await signUp(server);
    const noisy = await sharp(Buffer.from(Array.from({ length: 1200 * 1200 * 3 }, () => Math.floor(Math.random() * 256))), {
      raw: { width: 1200, height: 1200, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const big = await upload(token, noisy, 'big.png', 'image/png');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');

    // 5000 × 5000 of one colour compresses to a few kilobytes but would decode to 25 megapixels.
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(bomb.length).toBeLessThan(512 * 1024);
    const res = await upload(token, bomb, 'bomb.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('image_too_large');
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('wants multipart with the file in "file", and a session', async () => {
    const { token } = await signUp(server);
    const json = await server.request('PUT', '/api/me/avatar', { token, body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('unsupported_media_type');
    const form = new FormData();
    form.append('picture', new Blob([new Uint8Array([1, 2, 3])]), 'x.png');
    const wrongField = await server.request('PUT', '/api/me/avatar', { token, body: form });
    expect(wrongField.status).toBe(400);
    const anonymous = await upload('', await photoWithGps());
    expect(anonymous.status).toBe(401);
  });
});
