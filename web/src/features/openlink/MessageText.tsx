import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { languageName, textView, type TextView } from './translation';
import { retryTranslation, toggleOriginal, useShowsOriginal, useTranslationEntry } from './translations';
import './openlink.css';

/**
 * A message's words in an open room: translated into the reader's language when written in another, with a line
 * that says from which language and lets the reader switch to the original and back.
 */
export function MessageText({ message, field, render }: { message: Message; field: 'text' | 'caption'; render: (text: string) => ReactNode }) {
  const lang = currentLanguage();
  const entry = useTranslationEntry(message.roomId, lang, message.seq);
  const showsOriginal = useShowsOriginal(message.roomId, message.seq);
  const view = textView(message, field, lang, entry, showsOriginal);
  return (
    <>
      <p
        className={field === 'caption' ? 'bubble-text bubble-caption' : 'bubble-text'}
        lang={view.note === 'translated' ? lang : (view.source ?? undefined)}
        data-testid="message-text"
        data-note={view.note ?? 'none'}
      >
        {render(view.text)}
      </p>
      {view.source || view.note ? <LanguageLine message={message} view={view} /> : null}
    </>
  );
}

/** The small line under the words: the language they were written in, and what the reader can do about it. */
function LanguageLine({ message, view }: { message: Message; view: TextView }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const from = view.source ? languageName(view.source, lang) : '';
  const action = (label: string, onClick: () => void, testId: string) => (
    <>
      <span aria-hidden="true">·</span>
      <button type="button" className="msg-lang-action" onClick={onClick} data-testid={testId}>
        {label}
      </button>
    </>
  );
  const toggle = () => toggleOriginal(message.roomId, message.seq);
  return (
    <p className="msg-lang-line" data-testid="translation-note">
      {view.source ? (
        <span className="msg-lang" title={from} data-testid="message-lang" data-lang={view.source}>
          {view.source.toUpperCase()}
        </span>
      ) : null}
      {view.note === 'translated' ? (
        <>
          <span>{t(view.by === 'device' ? 'openlink.translate.fromOnDevice' : 'openlink.translate.from', { language: from })}</span>
          {action(t('openlink.translate.showOriginal'), toggle, 'translation-toggle')}
        </>
      ) : null}
      {view.note === 'original' ? (
        <>
          <span>{t('openlink.translate.original', { language: from })}</span>
          {action(t('openlink.translate.showTranslation'), toggle, 'translation-toggle')}
        </>
      ) : null}
      {view.note === 'unavailable' ? (
        <>
          <span>{t('openlink.translate.unavailable')}</span>
          {action(t('common.retry'), () => retryTranslation(message.roomId, lang, message), 'translation-retry')}
        </>
      ) : null}
      {view.note === 'loading' ? <span>{t('openlink.translate.translating')}</span> : null}
    </p>
  );
}
