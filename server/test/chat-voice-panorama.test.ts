import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAVEFORM_BARS } from '@maum/protocol';
import { directRoom, groupRoom, people, type Person } from './support/chat';
import { commerceSteps } from './support/commerce';
import { hasFfmpeg } from './support/ffmpeg';
import { startTestServer, type TestServer } from './support/test-server';
import { TestSocket } from './support/ws-client';

let server: TestServer;
let a: Person;
let b: Person;
let outsider: Person;
let roomId: string;
let work: string;
beforeAll(async () => {
  server = await startTestServer({ MEDIA_MAX_VOICE_BYTES: String(200 * 1024), MEDIA_MAX_VOICE_SECONDS: '10' });
  [a, b, outsider] = (await people(server, 3)) as [Person, Person, Person];
  roomId = (await directRoom(server, a, b)).id;
  work = await mkdtemp(path.join(tmpdir(), 'maum-voice-'));
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

function upload(who: Person, data: Buffer, name: string, type = 'application/octet-stream', room = roomId) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return server.request('POST', `/api/rooms/${room}/media`, { token: who.token, body: form });
}

async function fetchVariant(who: Person, mediaId: string, variant: string) {
  const res = await fetch(`${server.url}/api/media/${mediaId}/${variant}`, { headers: { authorization: `Bearer ${who.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

function send(who: Person, room: string, kind: string, mediaId: string, clientMsgId: string = crypto.randomUUID()) {
  return server.request('POST', `/api/rooms/${room}/messages`, { token: who.token, body: { clientMsgId, kind, body: { mediaId } } });
}

const ffmpeg = hasFfmpeg;

/** Tags a phone or an editor may leave in a recording, which must not reach anyone else. */
const TAGS = ['-metadata', 'title=MaumSecretTitle', '-metadata', 'artist=Kim Minji', '-metadata', 'location=+37.5665+126.9780/'];

/**
 * A recording made by ffmpeg: by default one second of silence and then a tone, so its waveform has a shape.
 * `piped` writes it the way a browser's recorder does, as a stream that never goes back to state its duration.
 */
async function recording(name: string, args: string[], { seconds = 2, piped = false, tone = 'if(gt(t,1),0.5*sin(2*PI*440*t),0)' } = {}) {
  const file = path.join(work, name);
  const input = ['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc='${tone}':s=48000:d=${seconds}`, ...TAGS, ...args];
  if (piped) await writeFile(file, execFileSync('ffmpeg', [...input, 'pipe:1'], { maxBuffer: 64 * 1024 * 1024 }));
  else execFileSync('ffmpeg', [...input, '-y', file]);
  return readFile(file);
}

const webmOpus = (o?: Parameters<typeof recording>[2]) => recording('voice.webm', ['-c:a', 'libopus', '-b:a', '32k', '-f', 'webm'], { piped: true, ...o });
// ffmpeg's MP4 brand is `isom`, which makes these "video/mp4" by their bytes: the probe finds no picture in them.
const m4aAac = (o?: Parameters<typeof recording>[2]) => recording('voice.m4a', ['-c:a', 'aac', '-b:a', '64k', '-f', 'mp4'], o);

function expectWaveform(waveform: unknown) {
  expect(Array.isArray(waveform)).toBe(true);
  const bars = waveform as number[];
  expect(bars).toHaveLength(WAVEFORM_BARS);
  for (const bar of bars) {
    expect(Number.isInteger(bar)).toBe(true);
    expect(bar).toBeGreaterThanOrEqual(0);
    expect(bar).toBeLessThanOrEqual(100);
  }
  // One second of silence, then a tone: flat bars first, high ones after (an encoder's click where the tone starts
  // may be the loudest peak).
  expect(Math.max(...bars.slice(0, WAVEFORM_BARS / 2 - 2))).toBeLessThanOrEqual(5);
  expect(Math.min(...bars.slice(WAVEFORM_BARS / 2 + 2))).toBeGreaterThanOrEqual(60);
  expect(Math.max(...bars)).toBe(100);
}

describe.skipIf(!ffmpeg && process.env.CI !== 'true')('voice messages', () => {
  beforeAll(() => {
    if (!ffmpeg) throw new Error('ffmpeg is required in CI');
  });

  it('a browser recording (WebM/Opus without a stated duration) becomes a voice message with its duration and waveform, and no tags', async () => {
    const webm = await webmOpus();
    expect(webm.includes(Buffer.from('MaumSecretTitle'))).toBe(true);
    const res = await upload(a, webm, 'recording.webm', 'audio/webm');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'voice', mime: 'audio/mp4', name: 'recording.m4a', variants: ['original'], panorama: false, width: null });
    expect(res.body.durationMs).toBeGreaterThanOrEqual(1900);
    expect(res.body.durationMs).toBeLessThanOrEqual(2100);
    expectWaveform(res.body.waveform);

    const served = await fetchVariant(b, res.body.id, 'original');
    expect(served.status).toBe(200);
    expect(served.type).toBe('audio/mp4');
    expect(served.bytes.length).toBe(res.body.size);
    for (const secret of ['MaumSecretTitle', 'Kim Minji', '+37.5665']) expect(served.bytes.includes(Buffer.from(secret)), secret).toBe(false);
    const probed = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', '-'], { input: served.bytes }).toString(),
    ) as { streams: Array<{ codec_name: string; tags?: Record<string, string> }>; format: { tags?: Record<string, string> } };
    expect(probed.streams.map((s) => s.codec_name)).toEqual(['aac']);
    expect(Object.keys(probed.format.tags ?? {}).filter((k) => !['major_brand', 'minor_version', 'compatible_brands'].includes(k))).toEqual([]);
    expect((await fetchVariant(outsider, res.body.id, 'original')).status).toBe(403);

    const socket = await TestSocket.open(server.url, b.token);
    const sent = await send(a, roomId, 'voice', res.body.id, 'voice-1');
    expect(sent.status).toBe(200);
    const msg = await socket.waitFor((f) => f.t === 'msg' && f.seq === sent.body.seq);
    socket.close();
    expect(msg).toMatchObject({ kind: 'voice', body: { mediaId: res.body.id, media: { kind: 'voice', durationMs: res.body.durationMs, waveform: res.body.waveform } } });
    const history = await server.request('GET', `/api/rooms/${roomId}/messages`, { token: b.token });
    expect(history.body.messages.at(-1)).toMatchObject({ kind: 'voice', body: { media: { waveform: res.body.waveform } } });
  });

  it('takes M4A (AAC), Ogg (Opus) and MP3 recordings too, whatever they are called', async () => {
    const recordings: Array<[string, Buffer]> = [
      ['m4a', await recording('voice.m4a', ['-c:a', 'aac', '-f', 'ipod'])],
      ['ogg', await recording('voice.ogg', ['-c:a', 'libopus', '-f', 'ogg'])],
      ['mp3', await recording('voice.mp3', ['-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'])],
      // Safari records AAC in an MP4 whose bytes say "video/mp4".
      ['mp4', await recording('voice.mp4', ['-c:a', 'aac', '-f', 'mp4', '-brand', 'iso5'])],
    ];
    for (const [format, data] of recordings) {
      const res = await upload(a, data, 'voice.bin');
      expect(res.status, format).toBe(201);
      expect(res.body, format).toMatchObject({ kind: 'voice', mime: 'audio/mp4', name: 'voice.m4a' });
      expect(Math.abs(res.body.durationMs - 2000), format).toBeLessThanOrEqual(100);
      expectWaveform(res.body.waveform);
      const served = await fetchVariant(b, res.body.id, 'original');
      expect(served.bytes.includes(Buffer.from('MaumSecretTitle')), format).toBe(false);
    }
  });

  it('keeps a film with sound a video, and sends each upload only as its own kind', async () => {
    const film = path.join(work, 'film.webm');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=10', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:v', 'libvpx', '-c:a', 'libopus', '-shortest', '-y', film]);
    const video = await upload(a, await readFile(film), 'film.webm');
    expect(video.status).toBe(201);
    expect(video.body).toMatchObject({ kind: 'video', waveform: null, panorama: false });

    const voice = await upload(a, await m4aAac(), 'voice.m4a');
    expect((await send(a, roomId, 'file', voice.body.id)).status).toBe(400);
    expect((await send(a, roomId, 'video', video.body.id)).status).toBe(200);
    expect((await send(a, roomId, 'voice', video.body.id)).status).toBe(400);
    expect((await send(b, roomId, 'voice', voice.body.id)).status).toBe(200);
    const otherRoom = (await directRoom(server, a, outsider)).id;
    expect((await send(a, otherRoom, 'voice', voice.body.id)).status).toBe(404);
  });

  it('refuses sound that is broken, too long or too large with a 4xx, and stays up', async () => {
    const ogg = await recording('voice.ogg', ['-c:a', 'libopus', '-f', 'ogg']);
    // An M4A (brand `M4A `, as iPhones and most apps write it) whose index comes after the sound.
    const m4a = await recording('voice-ipod.m4a', ['-c:a', 'aac', '-f', 'ipod']);
    const broken: Array<[string, Buffer]> = [
      ['an Ogg Opus header and then noise', Buffer.concat([ogg.subarray(0, 200), Buffer.alloc(4000, 0xa5)])],
      ['an M4A cut off before its index', m4a.subarray(0, Math.floor(m4a.length / 2))],
      ['an M4A header and nothing after it', Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(20)])],
      ['an MP3 frame header and then noise', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(2000, 0x3c)])],
      ['a FLAC stream in an Ogg file', await recording('voice.oga', ['-c:a', 'flac', '-f', 'ogg'])],
    ];
    for (const [label, data] of broken) {
      const res = await upload(a, data, 'voice.m4a', 'audio/mp4');
      expect(res.status, label).toBe(400);
      expect(res.body.code, label).toBe('invalid_audio');
    }

    const long = await webmOpus({ seconds: 14, tone: '0.3*sin(2*PI*300*t)' });
    const tooLong = await upload(a, long, 'long.webm');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('audio_too_long');
    const stated = await m4aAac({ seconds: 14 });
    expect((await upload(a, stated, 'long.m4a')).body.code).toBe('audio_too_long');

    const loud = await recording('big.mp3', ['-c:a', 'libmp3lame', '-b:a', '320k', '-f', 'mp3'], { seconds: 8, tone: 'random(0)*2-1' });
    expect(loud.length).toBeGreaterThan(200 * 1024);
    const tooBig = await upload(a, loud, 'big.mp3');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('payload_too_large');

    expect((await server.request('GET', '/healthz')).status).toBe(200);
    expect((await upload(a, await m4aAac(), 'still.m4a')).status).toBe(201);
  });
});

/** A photo of one colour with GPS in its EXIF, and XMP when given. */
async function photo(width: number, height: number, xmp?: string): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: '#4a90d9' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'MaumCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1', GPSLongitudeRef: 'E', GPSLongitude: '126/1 58/1 40/1' } });
  if (xmp) image = image.withXmp(xmp);
  return image.toBuffer();
}

const gpano = (props: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" ${props}/></rdf:RDF></x:xmpmeta>`;

async function expectClean(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe('webp');
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(await exifr.parse(bytes, { gps: true, xmp: true }).catch(() => undefined)).toBeUndefined();
  return meta;
}

describe('360° photos', () => {
  it('an exactly 2:1 photo is a panorama: its display copy is the sphere, without EXIF or GPS', async () => {
    const res = await upload(a, await photo(4000, 2000), 'sphere.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', panorama: true, width: 4000, height: 2000, waveform: null, variants: ['display', 'thumb'] });
    const display = await expectClean((await fetchVariant(b, res.body.id, 'display')).bytes);
    expect([display.width, display.height]).toEqual([4000, 2000]);
    const thumb = await expectClean((await fetchVariant(b, res.body.id, 'thumb')).bytes);
    expect([thumb.width, thumb.height]).toEqual([320, 160]);

    const sent = await send(a, roomId, 'image', res.body.id);
    expect(sent.status).toBe(200);
    const history = await server.request('GET', `/api/rooms/${roomId}/messages`, { token: b.token });
    expect(history.body.messages.at(-1)).toMatchObject({ kind: 'image', body: { media: { panorama: true } } });
  });

  it('a photo whose GPano XMP says equirectangular is one whatever its shape, and a cropped one is placed in its sphere', async () => {
    const cropped = gpano(
      'GPano:ProjectionType="equirectangular" GPano:FullPanoWidthPixels="8000" GPano:FullPanoHeightPixels="4000" ' +
        'GPano:CroppedAreaLeftPixels="1000" GPano:CroppedAreaTopPixels="1200" GPano:CroppedAreaImageWidthPixels="6000" ' +
        'GPano:CroppedAreaImageHeightPixels="1600"',
    );
    const data = await photo(3000, 800, cropped);
    expect((await sharp(data).metadata()).xmp).toBeDefined();
    const res = await upload(a, data, 'phone-pano.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', panorama: true, width: 4096, height: 2048 });
    const display = (await fetchVariant(b, res.body.id, 'display')).bytes;
    await expectClean(display);
    // The sky and the ground the phone did not take are black; the picture sits across the middle.
    const pixel = async (x: number, y: number) => (await sharp(display).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer()).toJSON().data;
    expect(Math.max(...(await pixel(2048, 100)))).toBeLessThan(16);
    expect(Math.max(...(await pixel(200, 1024)))).toBeLessThan(16);
    const middle = await pixel(2048, 1024);
    expect(middle[2]).toBeGreaterThan(180);
    const thumb = await sharp((await fetchVariant(b, res.body.id, 'thumb')).bytes).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 85]);

    const whole = await upload(a, await photo(3000, 1000, gpano('GPano:ProjectionType="equirectangular"')), 'whole.jpg', 'image/jpeg');
    expect(whole.body).toMatchObject({ panorama: true, width: 3000, height: 1500 });
  });

  it('an ordinary photo, a small 2:1 banner and a cylindrical panorama are not', async () => {
    const ordinary = await upload(a, await photo(4032, 3024), 'photo.jpg', 'image/jpeg');
    expect(ordinary.body).toMatchObject({ kind: 'image', panorama: false, width: 1600, height: 1200 });
    expect((await upload(a, await photo(600, 300), 'banner.jpg')).body).toMatchObject({ kind: 'image', panorama: false });
    const cylinder = await upload(a, await photo(4000, 2000, gpano('GPano:ProjectionType="cylindrical"')), 'cyl.jpg');
    expect(cylinder.body).toMatchObject({ kind: 'image', panorama: false, width: 1600, height: 800 });
  });
});

describe.skipIf(!ffmpeg && process.env.CI !== 'true')('in every kind of room', () => {
  it('a voice message and a 360° photo go to a group, a channel chat and an open room as to a 1:1 chat', async () => {
    const [host, member, buyer] = (await people(server, 3)) as [Person, Person, Person];
    const group = await groupRoom(server, host, [member]);

    const steps = commerceSteps(server);
    const seller = await steps.seller(await steps.operator());
    const channel = await server.request('POST', `/api/channels/${seller.channelId}/chat`, { token: buyer.token });
    expect(channel.body.kind).toBe('channel');

    const open = await server.request('POST', '/api/open/rooms', {
      token: host.token,
      body: { name: 'Field recordings', category: 'hobbies', languages: ['ko', 'en'] },
    });
    expect(open.status).toBe(201);
    expect((await server.request('POST', `/api/open/rooms/${open.body.id}/join`, { token: member.token, body: {} })).status).toBe(200);

    const voice = await m4aAac();
    const sphere = await photo(2048, 1024);
    // What the other side reads: a member's history, or for a channel chat, its staff's inbox.
    const historyOf = async (room: string, reader: Person, inbox: boolean) => {
      const res = await server.request('GET', inbox ? `/api/seller/inbox/${room}` : `/api/rooms/${room}/messages`, { token: reader.token });
      expect(res.status).toBe(200);
      return res.body.messages as Array<Record<string, unknown>>;
    };
    for (const [label, room, sender, reader] of [
      ['group', group.id, host, member],
      ['channel', channel.body.id, buyer, seller.person],
      ['open', open.body.id, member, host],
    ] as const) {
      const recorded = await upload(sender, voice, 'voice.m4a', 'audio/mp4', room);
      expect(recorded.body, label).toMatchObject({ kind: 'voice', durationMs: expect.any(Number) });
      expect((await send(sender, room, 'voice', recorded.body.id)).status, label).toBe(200);
      const pano = await upload(sender, sphere, 'sphere.jpg', 'image/jpeg', room);
      expect(pano.body, label).toMatchObject({ kind: 'image', panorama: true });
      expect((await send(sender, room, 'image', pano.body.id)).status, label).toBe(200);

      const [voiceMsg, panoMsg] = (await historyOf(room, reader, label === 'channel')).slice(-2);
      expect(voiceMsg, label).toMatchObject({ kind: 'voice', body: { mediaId: recorded.body.id, media: { waveform: recorded.body.waveform } } });
      expect(panoMsg, label).toMatchObject({ kind: 'image', body: { mediaId: pano.body.id, media: { panorama: true } } });
      if (label !== 'channel') expect((await fetchVariant(reader, recorded.body.id, 'original')).status, label).toBe(200);
      expect((await fetchVariant(outsider, recorded.body.id, 'original')).status, label).toBe(403);
    }
  });
});
