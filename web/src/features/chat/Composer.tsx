import { useCallback, useLayoutEffect, useRef, useState, type ChangeEvent, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TEXT, type Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { chat, MEDIA_LIMITS, mediaKindOf } from '../../realtime';
import { IconClose, IconMic, IconPlus, IconSend } from '../../ui/Icons';
import { useToast } from '../../ui/Toast';
import { previewText } from './format';
import type { People } from './people';
import { canRecord, RecordingBar, useVoiceRecorder, type RecorderProblem } from './VoiceRecorder';
import './chat.css';

// What was typed but not sent, per room, for as long as the tab lives.
const drafts = new Map<string, string>();

interface Props {
  roomId: string;
  replyTo: Message | null;
  onCancelReply: () => void;
  people: People;
  meId: string | null;
  disabled?: boolean;
  /** A line above the field: why it is closed, or a rule of the room (slow mode). */
  note?: string | null;
}

/**
 * Sends files into a room as media messages, the composer's one path for them (the attach button, a paste, a drop
 * on the room); a file the room refuses is named in a toast.
 */
export function useSendFiles(roomId: string): (files: Iterable<File>) => void {
  const { t } = useTranslation();
  const toast = useToast();
  return useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const refused = chat.sendFile(roomId, file);
        if (refused === 'payload_too_large') {
          const kind = mediaKindOf(file);
          toast(t('chat.tooLarge', { name: file.name, size: `${MEDIA_LIMITS[kind] / 1024 / 1024} MB` }));
        } else if (refused) {
          toast(t('chat.cannotSendFile', { name: file.name }));
        }
      }
    },
    [roomId, toast, t],
  );
}

export function Composer({ roomId, replyTo, onCancelReply, people, meId, disabled, note }: Props) {
  const { t } = useTranslation();
  const toast = useToast();
  const sendFiles = useSendFiles(roomId);
  const [text, setText] = useState(() => drafts.get(roomId) ?? '');
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const canSend = text.trim().length > 0 && !disabled;
  const [recordable] = useState(canRecord);
  const voice = useVoiceRecorder(
    (file, recorded) => {
      if (chat.sendFile(roomId, file, recorded)) toast(t('chat.cannotSendFile', { name: file.name }));
    },
    (problem: RecorderProblem) =>
      toast(problem === 'denied' ? t('chat.micDenied') : problem === 'short' ? t('chat.voiceTooShort') : t('chat.micUnavailable')),
  );

  // The field grows with its text up to a few lines, then scrolls.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 132)}px`;
  }, [text]);

  const update = (value: string) => {
    setText(value);
    if (value) drafts.set(roomId, value);
    else drafts.delete(roomId);
  };

  const send = () => {
    const value = text.trim();
    if (!value || disabled) return;
    if (value.length > MAX_TEXT) {
      toast(t('chat.tooLong', { max: MAX_TEXT }));
      return;
    }
    if (chat.sendText(roomId, value, replyTo?.seq)) {
      update('');
      onCancelReply();
      chat.stoppedTyping(roomId);
    }
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter also confirms a word in Korean and Japanese input methods; that Enter must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    update(event.target.value);
    if (event.target.value.trim()) chat.typing(roomId);
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.clipboardData.files);
    if (files.length === 0) return;
    event.preventDefault();
    sendFiles(files);
  };

  const replyName = replyTo ? (replyTo.senderId === meId ? t('common.you') : people.name(replyTo.senderId)) : '';

  return (
    <div className="composer-wrap">
      {note ? (
        <p className="composer-note" data-testid="composer-note">
          {note}
        </p>
      ) : null}
      {replyTo ? (
        <div className="reply-bar" data-testid="reply-bar">
          <div className="reply-bar-text">
            <span className="reply-bar-name">{t('chat.replyTo', { name: replyName })}</span>
            <span className="reply-bar-preview">{previewText(t, replyTo, people.name, currentLanguage())}</span>
          </div>
          <button type="button" className="icon-btn reply-bar-close" onClick={onCancelReply} aria-label={t('chat.cancelReply')}>
            <IconClose size={18} />
          </button>
        </div>
      ) : null}
      {voice.state === 'recording' ? (
        <RecordingBar elapsed={voice.elapsed} levels={voice.levels} onCancel={() => voice.finish(false)} onSend={() => voice.finish(true)} />
      ) : (
        <div className="composer">
          <button
            type="button"
            className="composer-attach"
            onClick={() => fileInput.current?.click()}
            aria-label={t('chat.attach')}
            title={t('chat.attach')}
            disabled={disabled}
            data-testid="composer-attach"
          >
            <IconPlus size={22} />
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            data-testid="composer-file-input"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              sendFiles(files);
            }}
          />
          <textarea
            ref={input}
            className="composer-input"
            rows={1}
            value={text}
            onChange={onChange}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            placeholder={t('chat.composerPlaceholder')}
            aria-label={t('chat.composerPlaceholder')}
            maxLength={MAX_TEXT}
            enterKeyHint="send"
            disabled={disabled}
            data-testid="composer-input"
          />
          {recordable && !text.trim() ? (
            <button
              type="button"
              className="composer-attach composer-mic"
              onClick={() => void voice.start()}
              aria-label={t('chat.recordVoice')}
              title={t('chat.recordVoice')}
              disabled={disabled || voice.state !== 'idle'}
              data-testid="composer-mic"
            >
              <IconMic size={22} />
            </button>
          ) : null}
          <button
            type="button"
            className={`composer-send ${canSend ? 'is-ready' : ''}`}
            onClick={send}
            disabled={!canSend}
            aria-label={t('chat.send')}
            title={t('chat.send')}
            data-testid="composer-send"
          >
            <IconSend size={20} />
          </button>
        </div>
      )}
    </div>
  );
}
