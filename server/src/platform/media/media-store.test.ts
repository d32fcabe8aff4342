import { describe, expect, it } from 'vitest';
import { parseRange, resolveRange } from './media-store';

describe('byte ranges', () => {
  it('reads one bytes= range in each of its forms', () => {
    expect(parseRange('bytes=0-99')).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-')).toEqual({ start: 100 });
    expect(parseRange('bytes=-500')).toEqual({ suffix: 500 });
    expect(parseRange('bytes= 5 - 9')).toEqual({ start: 5, end: 9 });
  });

  it('ignores what it cannot serve as one range, so the whole file is sent', () => {
    for (const header of [undefined, '', 'bytes=', 'bytes=-', 'bytes=9-5', 'bytes=0-1,5-6', 'items=0-1', 'bytes=a-b']) {
      expect(parseRange(header)).toBeNull();
    }
  });

  it('places a range in a file of a given size, or finds it covers no byte', () => {
    expect(resolveRange({ start: 0, end: 99 }, 1000)).toEqual({ start: 0, end: 99 });
    expect(resolveRange({ start: 900, end: 5000 }, 1000)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ start: 10 }, 1000)).toEqual({ start: 10, end: 999 });
    expect(resolveRange({ suffix: 100 }, 1000)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ suffix: 5000 }, 1000)).toEqual({ start: 0, end: 999 });
    expect(resolveRange({ start: 1000 }, 1000)).toBeNull();
    expect(resolveRange({ suffix: 0 }, 1000)).toBeNull();
    expect(resolveRange({ start: 0 }, 0)).toBeNull();
  });
});
