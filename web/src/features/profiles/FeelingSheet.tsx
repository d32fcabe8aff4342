import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEELING_MAX, type ProfileSpace } from '@maum/protocol';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useClearFeeling, useSetFeeling } from './api';

/** A feeling is an emoji by nature; these are offered first, and any other can be typed. */
const emojis = ['😊', '🥰', '😆', '😴', '🤒', '😢', '😤', '🤔', '🎉', '☕', '📚', '🏃', '✈️', '🎂', '💪', '🌧️'];

/** Sharing how you feel: an emoji and a few words, fading after a day unless pinned. */
export function FeelingSheet({ space, onClose }: { space: ProfileSpace; onClose: () => void }) {
  const { t } = useTranslation();
  const ownerId = space.owner.id;
  const current = space.blocks.find((b) => b.kind === 'feeling')?.feeling ?? null;
  const setFeeling = useSetFeeling(ownerId);
  const clear = useClearFeeling(ownerId);
  const [emoji, setEmoji] = useState(current?.emoji ?? emojis[0]!);
  const [text, setText] = useState(current?.text ?? '');
  const [pinned, setPinned] = useState(current?.pinned ?? false);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!emoji.trim()) return;
    setFeeling.mutate({ emoji: emoji.trim(), text: text.trim(), pinned }, { onSuccess: onClose });
  };

  return (
    <Sheet onClose={onClose} title={t('profiles.feeling.title')} testId="feeling-sheet">
      <form className="sheet-form" onSubmit={save}>
        <div className="emoji-picker" role="radiogroup" aria-label={t('profiles.feeling.emoji')}>
          {emojis.map((choice) => (
            <button
              key={choice}
              type="button"
              role="radio"
              aria-checked={emoji === choice}
              className={`emoji-choice ${emoji === choice ? 'is-on' : ''}`}
              onClick={() => setEmoji(choice)}
              data-testid="feeling-emoji-choice"
              data-emoji={choice}
            >
              {choice}
            </button>
          ))}
        </div>
        <label className="field">
          <span className="field-label">{t('profiles.feeling.otherEmoji')}</span>
          <input className="input input-small emoji-input" value={emoji} maxLength={16} onChange={(e) => setEmoji(e.target.value)} data-testid="feeling-emoji-input" />
        </label>
        <CountedField
          label={t('profiles.feeling.text')}
          value={text}
          onChange={setText}
          maxLength={FEELING_MAX}
          placeholder={t('profiles.feeling.placeholder')}
          testId="feeling-input"
        />
        <label className="toggle-row">
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} data-testid="feeling-pin" />
          <span>{t('profiles.feeling.pin')}</span>
        </label>
        <p className="field-hint">{pinned ? t('profiles.feeling.pinHint') : t('profiles.feeling.fadeHint')}</p>
        <ErrorMessage error={setFeeling.error ?? clear.error} />
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={setFeeling.isPending} aria-busy={setFeeling.isPending} data-testid="feeling-save">
          {t('profiles.feeling.save')}
        </button>
        {current ? (
          <button type="button" className="btn btn-secondary btn-block" disabled={clear.isPending} onClick={() => clear.mutate(undefined, { onSuccess: onClose })} data-testid="feeling-clear">
            {t('profiles.feeling.clear')}
          </button>
        ) : null}
      </form>
    </Sheet>
  );
}
