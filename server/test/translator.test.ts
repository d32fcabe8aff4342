import { errorStatus } from '@maum/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config';
import { AppError } from '../src/platform/errors';
import { createTranslator } from '../src/platform/translate/create-translator';
import { DetectOnlyTranslator } from '../src/platform/translate/detect-only';
import { LibreTranslateTranslator } from '../src/platform/translate/libretranslate';
import { startLibreTranslateStandIn, type LibreTranslateStandIn } from './support/libretranslate-standin';

let standIn: LibreTranslateStandIn;
let client: LibreTranslateTranslator;

beforeAll(async () => {
  standIn = await startLibreTranslateStandIn();
  client = new LibreTranslateTranslator({ url: standIn.url, timeoutMs: 5000 });
});

afterAll(async () => {
  await standIn.close();
});

afterEach(() => {
  standIn.latencyMs = 0;
  standIn.failWith = undefined;
  standIn.retryAfterSeconds = undefined;
  standIn.hang = false;
  standIn.garbage = false;
  standIn.apiKey = undefined;
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the LibreTranslate client against a server speaking its API', () => {
  it('translates, once per call, sending the wire format LibreTranslate reads', async () => {
    expect(client.translates).toBe(true);
    expect(await client.translate({ text: '이번 화 미쳤다', source: 'ko', target: 'ja' })).toBe('[ja] 이번 화 미쳤다');
    expect(standIn.translations('이번 화 미쳤다', 'ja')).toBe(1);
    expect(standIn.bodies.at(-1)).toEqual({
      path: '/translate',
      body: { q: '이번 화 미쳤다', source: 'ko', target: 'ja', format: 'text' },
    });
    await client.translate({ text: '이번 화 미쳤다', source: 'ko', target: 'ja' });
    expect(standIn.translations('이번 화 미쳤다', 'ja')).toBe(2);
  });

  it('does not ask the service to translate a text into its own language', async () => {
    const before = standIn.bodies.length;
    expect(await client.translate({ text: 'wkwk', source: 'id', target: 'id' })).toBe('wkwk');
    expect(standIn.bodies.length).toBe(before);
  });

  it('sends the API key when one is configured, and a service that requires one accepts it', async () => {
    standIn.apiKey = 'secret-key';
    const keyed = new LibreTranslateTranslator({ url: `${standIn.url}/`, apiKey: 'secret-key', timeoutMs: 5000 });
    expect(await keyed.translate({ text: 'lol', source: 'en', target: 'ko' })).toBe('[ko] lol');
    expect(standIn.bodies.at(-1)?.body).toMatchObject({ api_key: 'secret-key' });
    expect(await keyed.detectRemote('hello')).not.toHaveLength(0);
    expect(standIn.bodies.at(-1)?.body).toEqual({ q: 'hello', api_key: 'secret-key' });

    const refused = await failure(client.translate({ text: 'lol', source: 'en', target: 'ko' }));
    expect(refused.code).toBe('translator_unavailable');
    expect(standIn.bodies.at(-1)?.body).not.toHaveProperty('api_key');
  });

  it('reads the service’s detection, best first', async () => {
    expect(await client.detectRemote('ほんとそれ')).toEqual([{ confidence: 95, language: 'ja' }]);
    const latin = await client.detectRemote('season 2 when');
    expect(latin.map((d) => d.language)).toEqual(['en', 'id']);
    expect(standIn.bodies.at(-1)).toEqual({ path: '/detect', body: { q: 'season 2 when' } });
  });

  it('detects locally among the room’s languages, without a round trip', async () => {
    const before = standIn.bodies.length;
    expect(await client.detect({ text: 'makasih gan', candidates: ['ko', 'ja', 'id', 'en'], fallback: 'en' })).toMatchObject({
      language: 'id',
      basis: 'text',
    });
    expect(standIn.bodies.length).toBe(before);
  });

  it('lists the service’s languages', async () => {
    expect((await client.languages()).sort()).toEqual(['en', 'id', 'ja', 'ko']);
  });

  it('maps each refusal to our error table: 400 a bad request; 403, 429 and 500 the translator being unavailable', async () => {
    const expected = { 400: 'validation_failed', 403: 'translator_unavailable', 429: 'translator_unavailable', 500: 'translator_unavailable' } as const;
    for (const status of [400, 403, 429, 500] as const) {
      standIn.failWith = status;
      for (const call of [
        () => client.translate({ text: 'hi', source: 'en', target: 'ko' }),
        () => client.detectRemote('hi'),
        () => client.languages(),
      ]) {
        const err = await failure(call());
        expect(err.code).toBe(expected[status]);
        expect(errorStatus[err.code]).not.toBe(500);
      }
    }
    standIn.failWith = 400;
    expect((await failure(client.translate({ text: 'hi', source: 'en', target: 'ko' }))).message).toContain('missing q parameter');
  });

  it('passes on how long the service asks us to wait', async () => {
    standIn.failWith = 429;
    standIn.retryAfterSeconds = 7;
    expect(await failure(client.translate({ text: 'hi', source: 'en', target: 'ko' }))).toMatchObject({ code: 'translator_unavailable', retryAfter: 7 });
  });

  it('reports a language pair the service lacks as a bad request', async () => {
    const err = await failure(client.translate({ text: 'hola', source: 'es', target: 'ko' }));
    expect(err.code).toBe('validation_failed');
    expect(err.message).toContain('es is not supported');
  });

  it('gives up on a service that does not answer in time', async () => {
    standIn.hang = true;
    const impatient = new LibreTranslateTranslator({ url: standIn.url, timeoutMs: 200 });
    const err = await failure(impatient.translate({ text: 'hi', source: 'en', target: 'ko' }));
    expect(err.code).toBe('translator_unavailable');
    expect(err.message).toMatch(/did not answer/);
  });

  it('waits for a slow service within its timeout', async () => {
    standIn.latencyMs = 100;
    expect(await client.translate({ text: 'slow', source: 'en', target: 'id' })).toBe('[id] slow');
  });

  it('treats an answer that is not the API as an outage', async () => {
    standIn.garbage = true;
    expect((await failure(client.translate({ text: 'hi', source: 'en', target: 'ko' }))).code).toBe('translator_unavailable');
    expect((await failure(client.languages())).code).toBe('translator_unavailable');
  });

  it('still reads the status of a refusal whose body is not JSON', async () => {
    standIn.garbage = true;
    standIn.failWith = 429;
    expect((await failure(client.translate({ text: 'hi', source: 'en', target: 'ko' }))).code).toBe('translator_unavailable');
    standIn.failWith = 400;
    expect((await failure(client.translate({ text: 'hi', source: 'en', target: 'ko' }))).code).toBe('validation_failed');
    standIn.failWith = 500;
    expect((await failure(client.translate({ text: 'hi', source: 'en', target: 'ko' }))).code).toBe('translator_unavailable');
  });

  it('reports a service that is not there as unavailable', async () => {
    const gone = await startLibreTranslateStandIn();
    await gone.close();
    const orphan = new LibreTranslateTranslator({ url: gone.url, timeoutMs: 5000 });
    expect((await failure(orphan.translate({ text: 'hi', source: 'en', target: 'ko' }))).code).toBe('translator_unavailable');
  });
});

describe('choosing the translator from the configuration', () => {
  it('uses LibreTranslate when TRANSLATE_URL is set, and detection only otherwise', async () => {
    expect(createTranslator(loadConfig({}).translate)).toBeInstanceOf(DetectOnlyTranslator);
    const configured = createTranslator(loadConfig({ TRANSLATE_URL: standIn.url }).translate);
    expect(configured.name).toBe('libretranslate');
    expect(await configured.translate({ text: 'gg', source: 'en', target: 'ja' })).toBe('[ja] gg');
  });
});

describe('the detect-only translator', () => {
  const none = new DetectOnlyTranslator();

  it('detects but says it does not translate', async () => {
    expect(none.translates).toBe(false);
    expect(await none.detect({ text: 'ㅋㅋㅋ', candidates: ['ko', 'en'], fallback: 'en' })).toMatchObject({ language: 'ko' });
    expect(await none.languages()).toEqual([]);
    expect((await failure(none.translate({ text: 'hi', source: 'en', target: 'ko' }))).code).toBe('translator_unavailable');
    expect(await none.translate({ text: 'hi', source: 'en', target: 'en' })).toBe('hi');
  });
});
