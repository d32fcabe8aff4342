import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Media } from '@maum/protocol';
import type { RecordedVoice } from '../../realtime';
import { IconAlert, IconPause, IconPlay } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';
import { duration } from './format';
import { useMediaUrl } from './hooks';
import { barHeights, playedBars, seekFraction } from './waveform';
import './chat.css';

const BARS = 36;

// One voice message plays at a time, as in any messenger: starting one pauses the one that was playing.
let playingNow: HTMLAudioElement | null = null;

function clock(ms: number): string {
  return duration(ms) || '0:00';
}

/**
 * A voice message: play and pause, its waveform (coloured as it plays; press it to jump), and its length, or the
 * time so far while it plays. The sound is fetched on the first press.
 */
export function VoiceContent({ media, localUrl, recorded }: { media?: Media; localUrl?: string | null; recorded?: RecordedVoice }) {
  const { t } = useTranslation();
  const [wanted, setWanted] = useState(false);
  const fetched = useMediaUrl(localUrl ? undefined : media?.id, 'original', wanted);
  const url = localUrl ?? fetched;
  const audio = useRef<HTMLAudioElement | null>(null);
  const seekTo = useRef<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [known, setKnown] = useState<number | null>(null);
  const total = known ?? media?.durationMs ?? recorded?.durationMs ?? 0;
  // Older messages have no waveform in their media (undefined): flat bars.
  const heights = useMemo(() => barHeights(media?.waveform ?? recorded?.waveform, BARS), [media?.waveform, recorded?.waveform]);
  const played = playedBars(position, total, BARS);

  useEffect(() => {
    if (!wanted || !url) return;
    const el = audio.current ?? new Audio();
    audio.current = el;
    el.preload = 'auto';
    if (el.src !== url) el.src = url;
    let frame = 0;
    const tick = () => {
      setPosition(el.currentTime * 1000);
      frame = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      setPlaying(true);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const onPause = () => {
      setPlaying(false);
      cancelAnimationFrame(frame);
      setPosition(el.currentTime * 1000);
    };
    const onEnded = () => {
      onPause();
      el.currentTime = 0;
      setPosition(0);
    };
    const onMeta = () => {
      if (Number.isFinite(el.duration) && el.duration > 0) setKnown(Math.round(el.duration * 1000));
      if (seekTo.current !== null && Number.isFinite(el.duration)) el.currentTime = seekTo.current * el.duration;
      seekTo.current = null;
    };
    el.addEventListener('play', onPlay);
    el.addEventListener('pause', onPause);
    el.addEventListener('ended', onEnded);
    el.addEventListener('loadedmetadata', onMeta);
    if (el.paused) start(el);
    else onPlay();
    return () => {
      cancelAnimationFrame(frame);
      el.pause();
      el.removeEventListener('play', onPlay);
      el.removeEventListener('pause', onPause);
      el.removeEventListener('ended', onEnded);
      el.removeEventListener('loadedmetadata', onMeta);
      if (playingNow === el) playingNow = null;
    };
  }, [wanted, url]);

  useEffect(
    () => () => {
      audio.current?.removeAttribute('src');
      audio.current = null;
    },
    [],
  );

  const toggle = () => {
    const el = audio.current;
    if (!el || !wanted) {
      // Made (and started, when the sound is here already) inside the press, so that browsers which allow sound
      // only from a press let it play.
      const made = (audio.current ??= new Audio());
      if (typeof url === 'string') {
        made.src = url;
        start(made);
      }
      setWanted(true);
      return;
    }
    if (el.paused) start(el);
    else el.pause();
  };

  const seek = (fraction: number) => {
    const el = audio.current;
    if (el && wanted && Number.isFinite(el.duration) && el.duration > 0) {
      el.currentTime = fraction * el.duration;
      setPosition(el.currentTime * 1000);
      if (el.paused) start(el);
    } else {
      seekTo.current = fraction;
      setPosition(fraction * total);
      toggle();
    }
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    seek(seekFraction(event.clientX, rect.left, rect.width));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(total > 0)) return;
    const step = Math.min(5000, total / 10);
    const moves: Record<string, number> = { ArrowLeft: position - step, ArrowDown: position - step, ArrowRight: position + step, ArrowUp: position + step, Home: 0, End: total };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    seek(Math.min(1, Math.max(0, to / total)));
  };

  const loading = wanted && url === null;
  return (
    <div className="voice" data-testid="voice-message" data-playing={playing || undefined}>
      <button
        type="button"
        className="voice-play"
        onClick={toggle}
        aria-label={playing ? t('chat.pauseVoice') : t('chat.playVoice')}
        disabled={url === false}
        data-testid="voice-play"
      >
        {url === false ? <IconAlert size={18} /> : loading ? <Spinner size={18} /> : playing ? <IconPause size={18} /> : <IconPlay size={18} />}
      </button>
      <div
        className="voice-wave"
        role="slider"
        tabIndex={0}
        aria-label={t('chat.voicePosition')}
        aria-valuemin={0}
        aria-valuemax={Math.round(total / 1000)}
        aria-valuenow={Math.round(position / 1000)}
        aria-valuetext={`${clock(position)} / ${clock(total)}`}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      >
        {heights.map((height, i) => (
          <span key={i} className={`voice-bar ${i < played ? 'is-played' : ''}`} style={{ height: `${height}%` }} />
        ))}
      </div>
      <span className="voice-time">{clock(playing || position > 0 ? position : total)}</span>
    </div>
  );
}

function start(el: HTMLAudioElement): void {
  if (playingNow && playingNow !== el) playingNow.pause();
  playingNow = el;
  void el.play().catch(() => {
    // Refused (no press to allow sound, or unreadable): the button shows play again.
  });
}
