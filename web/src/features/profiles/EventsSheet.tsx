import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileEventKinds, type ProfileEvent, type ProfileEventKind, type ProfileSpace } from '@maum/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconPlus } from '../../ui/Icons';
import { ConfirmDialog, Sheet } from '../../ui/Sheet';
import { useNow } from '../../ui/useNow';
import { useAddEvent, useRemoveEvent, useUpdateEvent, type EventInput } from './api';
import { EventKindIcon } from './art';
import { AudienceBadge, AudienceSelect } from './Audience';
import { utcDay } from './format';
import { DayTag, EventDay } from './parts';

/** Kinds that come back every year unless the owner says otherwise. */
const yearlyKinds: readonly ProfileEventKind[] = ['birthday', 'anniversary', 'wedding'];

/** The owner's life events: add, change or remove them, each with its day, audience and whether gifts are welcome. */
export function EventsSheet({ space, onClose }: { space: ProfileSpace; onClose: () => void }) {
  const { t } = useTranslation();
  const block = space.blocks.find((b) => b.kind === 'events');
  const events = block?.events ?? [];
  const [editing, setEditing] = useState<ProfileEvent | 'new' | null>(events.length === 0 ? 'new' : null);

  if (editing) {
    return <EventForm ownerId={space.owner.id} event={editing === 'new' ? null : editing} onDone={() => (events.length === 0 && editing === 'new' ? onClose() : setEditing(null))} onClose={onClose} />;
  }

  return (
    <Sheet onClose={onClose} title={t('profiles.events.title')} size="full" testId="events-sheet">
      <div className="sheet-form">
        {block ? null : <p className="field-hint">{t('profiles.events.blockHidden')}</p>}
        <ul className="list">
          {events.map((event) => (
            <li key={event.id}>
              <button type="button" className="row event-edit-row" onClick={() => setEditing(event)} data-testid="event-edit" data-event-id={event.id}>
                <span className={`event-icon event-${event.kind}`}>
                  <EventKindIcon kind={event.kind} />
                </span>
                <span className="row-text">
                  <span className="row-title">{event.title}</span>
                  <span className="row-subtitle">
                    <EventDay event={event} />
                  </span>
                </span>
                <DayTag days={event.daysUntil} />
                <AudienceBadge audience={event.audience} />
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn-primary btn-block" onClick={() => setEditing('new')} data-testid="event-new">
          <IconPlus size={18} />
          {t('profiles.events.add')}
        </button>
      </div>
    </Sheet>
  );
}

function EventForm({ ownerId, event, onDone, onClose }: { ownerId: string; event: ProfileEvent | null; onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const add = useAddEvent(ownerId);
  const update = useUpdateEvent(ownerId);
  const remove = useRemoveEvent(ownerId);
  const [kind, setKind] = useState<ProfileEventKind>(event?.kind ?? 'birthday');
  const [title, setTitle] = useState(event?.title ?? '');
  const [date, setDate] = useState(event?.date ?? utcDay(now));
  const [yearly, setYearly] = useState(event?.yearly ?? true);
  const [audience, setAudience] = useState<EventInput['audience']>(event?.audience ?? { kind: 'friends' });
  const [noGifts, setNoGifts] = useState(event ? !event.giftsAllowed : false);
  const [confirming, setConfirming] = useState(false);
  const pending = add.isPending || update.isPending;

  const chooseKind = (next: ProfileEventKind) => {
    setKind(next);
    if (!event) setYearly(yearlyKinds.includes(next));
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    // A birthday needs no other name than "Birthday".
    const body: EventInput = { kind, title: title.trim() || t(`profiles.kinds.${kind}`), date, yearly, audience, giftsAllowed: !noGifts };
    if (event) update.mutate({ eventId: event.id, ...body }, { onSuccess: onDone });
    else add.mutate(body, { onSuccess: onDone });
  };

  return (
    <Sheet onClose={onClose} title={event ? t('profiles.events.edit') : t('profiles.events.add')} size="full" testId="event-form">
      <form className="sheet-form" onSubmit={save}>
        <div className="chip-row" role="radiogroup" aria-label={t('profiles.events.kind')}>
          {profileEventKinds.map((name) => (
            <button
              key={name}
              type="button"
              role="radio"
              aria-checked={kind === name}
              className={`chip event-kind-chip ${kind === name ? 'is-on' : ''}`}
              onClick={() => chooseKind(name)}
              data-testid="event-kind"
              data-kind={name}
            >
              <EventKindIcon kind={name} size={16} />
              {t(`profiles.kinds.${name}`)}
            </button>
          ))}
        </div>
        <label className="field">
          <span className="field-label">{t('profiles.events.titleLabel')}</span>
          <input className="input" value={title} maxLength={60} placeholder={t(`profiles.kinds.${kind}`)} onChange={(e) => setTitle(e.target.value)} data-testid="event-title" />
        </label>
        <label className="field">
          <span className="field-label">{t('profiles.events.date')}</span>
          <input className="input" type="date" required min="1900-01-01" max="2200-12-31" value={date} onChange={(e) => setDate(e.target.value)} data-testid="event-date" />
        </label>
        <label className="toggle-row">
          <input type="checkbox" checked={yearly} onChange={(e) => setYearly(e.target.checked)} data-testid="event-yearly" />
          <span>{t('profiles.events.yearly')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('profiles.audience.label')}</span>
          <AudienceSelect value={audience} onChange={setAudience} testId="event-audience" />
        </label>
        <label className="toggle-row">
          <input type="checkbox" checked={noGifts} onChange={(e) => setNoGifts(e.target.checked)} data-testid="event-no-gifts" />
          <span>{t('profiles.events.noGifts')}</span>
        </label>
        <p className="field-hint">{noGifts ? t('profiles.events.noGiftsHint') : t('profiles.events.giftsHint')}</p>
        <ErrorMessage error={add.error ?? update.error} />
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={pending || !date} aria-busy={pending} data-testid="event-save">
          {pending ? t('common.saving') : t('common.save')}
        </button>
        {event ? (
          <button type="button" className="btn btn-secondary btn-block" onClick={() => setConfirming(true)} data-testid="event-remove">
            {t('profiles.events.remove')}
          </button>
        ) : null}
      </form>
      {confirming && event ? (
        <ConfirmDialog
          message={t('profiles.events.removeConfirm', { title: event.title })}
          confirmLabel={t('profiles.events.remove')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setConfirming(false)}
          onConfirm={() => remove.mutate(event.id, { onSuccess: onDone })}
        />
      ) : null}
    </Sheet>
  );
}
