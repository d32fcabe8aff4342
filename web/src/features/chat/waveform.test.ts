import { describe, expect, it } from 'vitest';
import { barHeights, frameLevel, levelsToWaveform, MIN_BAR, pickRecordingType, playedBars, recordingName, resampleWaveform, seekFraction } from './waveform';

describe('voice message waveforms', () => {
  it('draws any number of bars from the server’s peaks, each the loudest peak it covers', () => {
    const peaks = [0, 10, 100, 20, 30, 40, 50, 0];
    expect(resampleWaveform(peaks, 4)).toEqual([10, 100, 40, 50]);
    expect(resampleWaveform(peaks, 8)).toEqual(peaks);
    // More bars than peaks: each peak spreads over the bars it covers.
    expect(resampleWaveform([20, 80], 4)).toEqual([20, 20, 80, 80]);
    expect(resampleWaveform([150, -3, Number.NaN], 3)).toEqual([100, 0, 0]);
  });

  it('keeps every bar visible, and draws flat bars for a message without a waveform', () => {
    expect(barHeights([0, 50, 100], 3)).toEqual([MIN_BAR, 56, 100]);
    expect(barHeights(null, 5)).toEqual(new Array(5).fill(MIN_BAR));
    expect(barHeights(undefined, 0)).toEqual([]);
  });

  it('colours the bars played so far and seeks where the waveform is pressed', () => {
    expect(playedBars(0, 10_000, 40)).toBe(0);
    expect(playedBars(2_500, 10_000, 40)).toBe(10);
    expect(playedBars(12_000, 10_000, 40)).toBe(40);
    expect(playedBars(1_000, 0, 40)).toBe(0);
    expect(seekFraction(150, 100, 200)).toBe(0.25);
    expect(seekFraction(50, 100, 200)).toBe(0);
    expect(seekFraction(400, 100, 200)).toBe(1);
    expect(seekFraction(150, 100, 0)).toBe(0);
  });

  it('turns the levels heard while recording into a waveform relative to the loudest', () => {
    expect(levelsToWaveform([0, 0.1, 0.2, 0.4], 4)).toEqual([0, 25, 50, 100]);
    expect(levelsToWaveform([0, 0, 0], 3)).toEqual([0, 0, 0]);
    expect(levelsToWaveform([], 3)).toEqual([0, 0, 0]);
    expect(frameLevel(new Uint8Array([128, 128, 192, 64]))).toBe(0.5);
    expect(frameLevel(new Uint8Array([128, 0]))).toBe(1);
  });
});

describe('recording formats', () => {
  it('picks WebM/Opus where it can, then Ogg, then Safari’s MP4', () => {
    expect(pickRecordingType((t) => t.startsWith('audio/webm') || t.startsWith('audio/mp4'))).toBe('audio/webm;codecs=opus');
    expect(pickRecordingType((t) => t.startsWith('audio/ogg'))).toBe('audio/ogg;codecs=opus');
    expect(pickRecordingType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecordingType(() => false)).toBeUndefined();
    expect(
      pickRecordingType(() => {
        throw new Error('not here');
      }),
    ).toBeUndefined();
  });

  it('names a recording after its type and time', () => {
    const at = new Date(2026, 11, 5, 9, 3, 7);
    expect(recordingName('audio/webm;codecs=opus', at)).toBe('voice-20261205-090307.webm');
    expect(recordingName('audio/mp4', at)).toBe('voice-20261205-090307.m4a');
    expect(recordingName('audio/ogg;codecs=opus', at)).toBe('voice-20261205-090307.ogg');
  });
});
