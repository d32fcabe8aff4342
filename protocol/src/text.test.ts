import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClientFrame } from './realtime';
import { accountsApi } from './accounts';
import { acceptingText, jsonTooDeep, MAX_JSON_DEPTH, textProblem } from './text';

describe("Maum's text rule", () => {
  it('accepts any Unicode, emoji and every script included, but not NUL or a lone surrogate', () => {
    for (const ok of ['', 'hi', '안녕하세요', 'こんにちは', 'Halo 👋🏽', '\t\n', 'a\u200db', '\ud83d\ude00']) expect(textProblem(ok)).toBeNull();
    for (const bad of ['a\u0000b', '\u0000', 'a\ud800b', '\udc00', 'x\ud83d', '\ude00y']) expect(textProblem(bad)).not.toBeNull();
  });

  it('applies to every string a schema parses, however deep, without changing what the schema accepts otherwise', () => {
    const schema = acceptingText(z.object({ a: z.array(z.object({ b: z.string().trim() })), c: z.record(z.string(), z.number()) }));
    expect(schema.safeParse({ a: [{ b: ' ok ' }], c: { k: 1 } })).toEqual({ success: true, data: { a: [{ b: 'ok' }], c: { k: 1 } } });
    const deep = schema.safeParse({ a: [{ b: 'ok' }, { b: 'x\u0000' }], c: {} });
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0]?.path).toEqual(['a', 1, 'b']);
    const key = schema.safeParse({ a: [], c: { 'k\ud800': 1 } });
    expect(key.success).toBe(false);
  });

  it('is built into every endpoint and into the realtime frames', () => {
    expect(accountsApi.updateMe.body.safeParse({ statusMessage: 'hi\u0000' }).success).toBe(false);
    expect(accountsApi.updateMe.body.safeParse({ statusMessage: 'hi' }).success).toBe(true);
    const frame = { t: 'send', roomId: `room_${'0'.repeat(26)}`, clientMsgId: 'c', kind: 'text', body: { text: 'a\ud800' } };
    expect(ClientFrame.safeParse(frame).success).toBe(false);
    expect(ClientFrame.safeParse({ ...frame, body: { text: 'a' } }).success).toBe(true);
  });

  it('measures JSON nesting on the raw text, ignoring brackets inside strings', () => {
    expect(jsonTooDeep('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonTooDeep('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTooDeep('{"a":'.repeat(5000))).toBe(true);
    expect(jsonTooDeep(JSON.stringify({ text: '[[[[{{{{'.repeat(100) }))).toBe(false);
    expect(jsonTooDeep(JSON.stringify({ text: '\\"[[[[' .repeat(100) }))).toBe(false);
  });
});
