import { describe, expect, it } from 'vitest';
import { audioContainerOf, waveformOf } from './audio';

describe('voice message waveforms', () => {
  it('has one peak per bar, from 0 to 100 relative to the loudest', () => {
    const pcm = new Int16Array(8000);
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin(i / 5) * (i < 4000 ? 8000 : 16000));
    const bars = waveformOf(pcm, 50);
    expect(bars).toHaveLength(50);
    expect(Math.max(...bars)).toBe(100);
    expect(bars.slice(0, 25).every((b) => b >= 45 && b <= 55)).toBe(true);
    expect(bars.slice(25).every((b) => b >= 95)).toBe(true);
  });

  it('keeps silence flat and a quiet recording low, and fills bars when there are fewer samples than bars', () => {
    expect(waveformOf(new Int16Array(1000), 56)).toEqual(new Array(56).fill(0));
    expect(Math.max(...waveformOf(new Int16Array(1000).fill(160), 56))).toBeLessThan(15);
    expect(waveformOf(new Int16Array([32767, -32768, 0]), 6)).toEqual([100, 100, 100, 100, 0, 0]);
    expect(waveformOf(new Int16Array(0), 4)).toEqual([0, 0, 0, 0]);
  });
});

describe('sound containers', () => {
  it('names the demuxer for each sniffed type; film types need a probe', () => {
    expect(audioContainerOf('audio/ogg; codecs=opus')).toEqual({ container: 'ogg', maybeFilm: false });
    expect(audioContainerOf('video/webm')).toEqual({ container: 'matroska', maybeFilm: true });
    expect(audioContainerOf('audio/x-m4a')).toEqual({ container: 'mov', maybeFilm: false });
    expect(audioContainerOf('audio/mpeg')).toEqual({ container: 'mp3', maybeFilm: false });
    expect(audioContainerOf('audio/wav')).toBeNull();
    expect(audioContainerOf('image/png')).toBeNull();
  });
});
