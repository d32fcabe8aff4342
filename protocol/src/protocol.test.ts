import { describe, expect, it } from 'vitest';
import { AddFriendBody, buildPath, Handle, isStrongPassword, errorStatus } from './index';

describe('protocol', () => {
  it('states the password rule: 8+ characters with a letter and a digit, in any script', () => {
    expect(isStrongPassword('abcdefg1')).toBe(true);
    expect(isStrongPassword('비밀번호비밀번호1')).toBe(true);
    expect(isStrongPassword('abcdefgh')).toBe(false);
    expect(isStrongPassword('12345678')).toBe(false);
    expect(isStrongPassword('abc1')).toBe(false);
  });

  it('normalises handles to lower case and refuses odd characters', () => {
    expect(Handle.parse('  MinJi_92 ')).toBe('minji_92');
    expect(Handle.safeParse('ab').success).toBe(false);
    expect(Handle.safeParse('_minji').success).toBe(false);
    expect(Handle.safeParse('min ji').success).toBe(false);
  });

  it('adds a friend by handle or by code, never both', () => {
    expect(AddFriendBody.safeParse({ handle: 'minji' }).success).toBe(true);
    expect(AddFriendBody.safeParse({ code: 'abcdefghjk' }).success).toBe(true);
    expect(AddFriendBody.safeParse({ handle: 'minji', code: 'abcdefghjk' }).success).toBe(false);
  });

  it('fills path parameters, encoded', () => {
    expect(buildPath('/api/users/:handle', { handle: 'a b' })).toBe('/api/users/a%20b');
    expect(() => buildPath('/api/users/:handle', {})).toThrow(/handle/);
  });

  it('maps every error code to a 4xx or 5xx status', () => {
    for (const status of Object.values(errorStatus)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
