import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOICE_MAX_MS, WAVEFORM_BARS } from '@maum/protocol';
import type { RecordedVoice } from '../../realtime';
import { IconSend, IconTrash } from '../../ui/Icons';
import { duration } from './format';
import { frameLevel, levelsToWaveform, pickRecordingType, recordingName } from './waveform';
import './chat.css';

/** Shorter than this is a slip of the finger, not a message. */
const MIN_MS = 700;
const TICK_MS = 100;
/** How many of the latest levels the recording bar shows. */
const LIVE_BARS = 32;

export type RecorderProblem = 'denied' | 'unavailable' | 'short';

/** Whether this browser can record sound at all (MediaRecorder and a microphone API; plain http has neither). */
export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

interface Session {
  stream: MediaStream;
  recorder: MediaRecorder;
  chunks: Blob[];
  context: AudioContext | null;
  analyser: AnalyserNode | null;
  timer: ReturnType<typeof setInterval> | null;
  startedAt: number;
  elapsed: number;
  levels: number[];
  send: boolean;
}

/**
 * Records a voice message from the microphone: `start` asks for it (the browser asks the person the first time),
 * `finish(true)` stops and hands over the recording, `finish(false)` throws it away. It stops and hands over by
 * itself at the longest length a voice message may have.
 */
export function useVoiceRecorder(onDone: (file: File, recorded: RecordedVoice) => void, onProblem: (problem: RecorderProblem) => void) {
  const [state, setState] = useState<'idle' | 'starting' | 'recording'>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [levels, setLevels] = useState<readonly number[]>([]);
  const session = useRef<Session | null>(null);
  const starting = useRef(false);
  const done = useRef(onDone);
  const problem = useRef(onProblem);
  useEffect(() => {
    done.current = onDone;
    problem.current = onProblem;
  });

  const finish = useCallback((send: boolean) => {
    starting.current = false;
    const current = session.current;
    if (!current) {
      setState('idle');
      return;
    }
    current.send = send;
    if (current.timer !== null) clearInterval(current.timer);
    current.timer = null;
    current.elapsed = performance.now() - current.startedAt;
    if (current.recorder.state !== 'inactive') current.recorder.stop();
    else release(current);
    session.current = null;
    setState('idle');
    setElapsed(0);
    setLevels([]);
  }, []);

  const start = useCallback(async () => {
    if (session.current || starting.current) return;
    if (!canRecord()) {
      problem.current('unavailable');
      return;
    }
    starting.current = true;
    setState('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      starting.current = false;
      setState('idle');
      const name = error instanceof DOMException ? error.name : '';
      problem.current(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
      return;
    }
    if (!starting.current) {
      // Cancelled while the browser was asking.
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    starting.current = false;
    const type = pickRecordingType((t) => MediaRecorder.isTypeSupported(t));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, { ...(type ? { mimeType: type } : {}), audioBitsPerSecond: 32_000 });
    } catch {
      for (const track of stream.getTracks()) track.stop();
      setState('idle');
      problem.current('unavailable');
      return;
    }
    const current: Session = {
      stream,
      recorder,
      chunks: [],
      context: null,
      analyser: null,
      timer: null,
      startedAt: performance.now(),
      elapsed: 0,
      levels: [],
      send: false,
    };
    try {
      // The level meter is a nicety: without Web Audio the recording still works, with flat bars.
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(stream).connect(analyser);
      current.context = context;
      current.analyser = analyser;
    } catch {
      current.context = null;
    }
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) current.chunks.push(event.data);
    });
    recorder.addEventListener('stop', () => {
      // Stopped by the browser (the microphone went away) rather than by a press: nothing is sent.
      if (session.current === current) finish(false);
      release(current);
      if (!current.send) return;
      if (current.elapsed < MIN_MS || current.chunks.length === 0) {
        problem.current('short');
        return;
      }
      const mime = recorder.mimeType || type || 'audio/webm';
      const file = new File(current.chunks, recordingName(mime, new Date()), { type: mime });
      done.current(file, { durationMs: Math.round(current.elapsed), waveform: levelsToWaveform(current.levels, WAVEFORM_BARS) });
    });
    const samples = new Uint8Array(current.analyser?.fftSize ?? 0);
    current.timer = setInterval(() => {
      const now = performance.now() - current.startedAt;
      if (current.analyser) {
        current.analyser.getByteTimeDomainData(samples);
        current.levels.push(frameLevel(samples));
      } else current.levels.push(0);
      setElapsed(now);
      setLevels(current.levels.slice(-LIVE_BARS));
      if (now >= VOICE_MAX_MS) finish(true);
    }, TICK_MS);
    session.current = current;
    recorder.start(250);
    setState('recording');
  }, [finish]);

  // Leaving the room (or the page) while recording throws the recording away and lets go of the microphone.
  useEffect(() => () => finish(false), [finish]);

  return { state, elapsed, levels, start, finish };
}

function release(session: Session): void {
  for (const track of session.stream.getTracks()) track.stop();
  void session.context?.close().catch(() => undefined);
  session.context = null;
}

/** What replaces the composer while recording: the time so far, the live level, cancel and send. */
export function RecordingBar({ elapsed, levels, onCancel, onSend }: { elapsed: number; levels: readonly number[]; onCancel: () => void; onSend: () => void }) {
  const { t } = useTranslation();
  const bars = Array.from({ length: LIVE_BARS }, (_, i) => levels[levels.length - LIVE_BARS + i] ?? 0);
  return (
    <div className="composer recording-bar" data-testid="voice-recorder">
      <button type="button" className="composer-attach" onClick={onCancel} aria-label={t('chat.cancelRecording')} title={t('chat.cancelRecording')} data-testid="voice-cancel">
        <IconTrash size={20} />
      </button>
      <div className="recording-live" role="timer" aria-label={t('chat.recording')}>
        <span className="recording-dot" aria-hidden="true" />
        <span className="recording-time">
          {duration(elapsed) || '0:00'} / {duration(VOICE_MAX_MS)}
        </span>
        <span className="recording-levels" aria-hidden="true">
          {bars.map((level, i) => (
            <span key={i} className="recording-level" style={{ height: `${Math.round(12 + Math.min(1, level * 2.5) * 88)}%` }} />
          ))}
        </span>
      </div>
      <button type="button" className="composer-send is-ready" onClick={onSend} aria-label={t('chat.sendVoice')} title={t('chat.sendVoice')} data-testid="voice-send">
        <IconSend size={20} />
      </button>
    </div>
  );
}
