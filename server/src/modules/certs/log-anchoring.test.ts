import { describe, expect, it } from 'vitest';
import { nextAnchorStep } from './log-anchoring';

const HOUR = 3_600_000;
const t0 = new Date('2026-05-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const base = { now: t0, intervalMs: HOUR, pending: false, lastAttemptAt: undefined, latestSize: 10, anchoredSize: 0 };

describe('when the anchoring job anchors', () => {
  it('anchors the latest checkpoint at once on a log never anchored before, and never the empty tree', () => {
    expect(nextAnchorStep(base)).toEqual({ step: 'anchor' });
    expect(nextAnchorStep({ ...base, latestSize: 0 })).toEqual({ step: 'idle' });
  });

  it('waits a whole interval after the last attempt, to the millisecond', () => {
    const last = { ...base, lastAttemptAt: t0, anchoredSize: 5 };
    expect(nextAnchorStep({ ...last, now: at(1) })).toEqual({ step: 'wait', until: at(HOUR) });
    expect(nextAnchorStep({ ...last, now: at(HOUR - 1) })).toEqual({ step: 'wait', until: at(HOUR) });
    expect(nextAnchorStep({ ...last, now: at(HOUR) })).toEqual({ step: 'anchor' });
    expect(nextAnchorStep({ ...last, now: at(5 * HOUR) })).toEqual({ step: 'anchor' });
    expect(nextAnchorStep({ ...last, intervalMs: 60_000, now: at(60_000) })).toEqual({ step: 'anchor' });
  });

  it('sends nothing while the chain already has the latest checkpoint, however long it has been', () => {
    expect(nextAnchorStep({ ...base, lastAttemptAt: t0, now: at(30 * HOUR), anchoredSize: 10 })).toEqual({ step: 'idle' });
    expect(nextAnchorStep({ ...base, anchoredSize: 10 })).toEqual({ step: 'idle' });
  });

  it('follows a transaction that is out before anything else, even after the interval', () => {
    expect(nextAnchorStep({ ...base, pending: true, lastAttemptAt: t0, now: at(1) })).toEqual({ step: 'confirm' });
    expect(nextAnchorStep({ ...base, pending: true, lastAttemptAt: t0, now: at(3 * HOUR), latestSize: 99 })).toEqual({ step: 'confirm' });
  });

  it('counts a failed attempt like a sent one: an outage delays the next try by an interval', () => {
    const failed = { ...base, anchoredSize: 4, lastAttemptAt: at(10 * 60_000) };
    expect(nextAnchorStep({ ...failed, now: at(HOUR) })).toEqual({ step: 'wait', until: at(HOUR + 10 * 60_000) });
    expect(nextAnchorStep({ ...failed, now: at(HOUR + 10 * 60_000) })).toEqual({ step: 'anchor' });
  });
});
