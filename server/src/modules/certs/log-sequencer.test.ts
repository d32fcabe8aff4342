import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log';
import { LogSequencer } from './log-sequencer';

const bytes = (n: number) => Array.from({ length: n }, (_, i) => Uint8Array.of(i & 255));

/** A sequencer over an in-memory log that records each batch it was asked to integrate. */
function sequencer(options: { batchMs: number; batchSize: number }, fail = false) {
  const batches: number[] = [];
  let size = 0;
  const seq = new LogSequencer(
    async (entries) => {
      if (fail) throw new Error('database down');
      batches.push(entries.length);
      const first = size;
      size += entries.length;
      return first;
    },
    options,
    createLogger('silent'),
  );
  return { seq, batches };
}

describe('the log sequencer', () => {
  it('integrates at once when a batch fills, in order, and answers each append its own indices', async () => {
    const { seq, batches } = sequencer({ batchMs: 60_000, batchSize: 4 });
    const answers = await Promise.all([seq.append(bytes(1)), seq.append(bytes(2)), seq.append(bytes(1)), seq.append(bytes(3)), seq.append(bytes(1))]);
    expect(answers).toEqual([[0], [1, 2], [3], [4, 5, 6], [7]]);
    // Appends never split across batches; entries that arrive while one is written form the next.
    expect(batches).toEqual([4, 4]);
  });

  it('integrates a partial batch once its oldest entry has waited batchMs', async () => {
    const { seq, batches } = sequencer({ batchMs: 30, batchSize: 1000 });
    const started = Date.now();
    expect(await seq.append(bytes(3))).toEqual([0, 1, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(batches).toEqual([3]);
  });

  it('flushes what is queued on close, then refuses appends', async () => {
    const { seq, batches } = sequencer({ batchMs: 60_000, batchSize: 1000 });
    const pending = seq.append(bytes(5));
    await seq.close();
    expect(await pending).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([5]);
    await expect(seq.append(bytes(1))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('rejects every append of a batch that could not be written', async () => {
    const { seq } = sequencer({ batchMs: 1, batchSize: 10 }, true);
    await expect(Promise.all([seq.append(bytes(1)), seq.append(bytes(2))])).rejects.toThrow('database down');
  });
});
