import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  EntryCode,
  OPEN_ROOM_MAX_LANGUAGES,
  OPEN_ROOM_MAX_MEMBERS,
  OPEN_ROOM_MAX_TAGS,
  joinModes,
  openRoomFormats,
  openRoomCategories,
  type OpenRoomCategory,
} from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ChipChoice } from '../../ui/ChipChoice';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useCreateRoom } from './api';
import { parseTags } from './format';
import { ProfileChoice, profileFrom, type ProfileDraft } from './ProfileChoice';
import { languageName } from './translation';

type JoinMode = (typeof joinModes)[number];
type Format = (typeof openRoomFormats)[number];

/** Languages offered when opening a room: the app's own four first, then others people often chat in. */
const offeredLanguages = ['ko', 'en', 'ja', 'id', 'zh', 'es', 'fr', 'de', 'pt', 'th', 'vi', 'ru'];

/** Opening a room: what it is about, where it shows up, who may join and how, and who the host is in it. */
export function CreateRoomSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const navigate = useNavigate();
  const create = useCreateRoom();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<OpenRoomCategory>('hobbies');
  const [tagsText, setTagsText] = useState('');
  const [languages, setLanguages] = useState<string[]>([lang]);
  const [cap, setCap] = useState('1500');
  const [joinMode, setJoinMode] = useState<JoinMode>('open');
  const [format, setFormat] = useState<Format>('group');
  // A one-to-one room is joined openly or by code: each person who joins gets their own chat with the host.
  const modes = format === 'group' ? joinModes : joinModes.filter((m) => m !== 'request');
  const pickFormat = (next: Format) => {
    setFormat(next);
    if (next === 'one_to_one' && joinMode === 'request') setJoinMode('open');
  };
  const [entryCode, setEntryCode] = useState('');
  const [question, setQuestion] = useState('');
  const [profile, setProfile] = useState<ProfileDraft>({ kind: 'main', nickname: '' });

  const tags = parseTags(tagsText);
  const memberCap = Number(cap);
  const capOk = Number.isInteger(memberCap) && memberCap >= 2 && memberCap <= OPEN_ROOM_MAX_MEMBERS;
  const codeOk = joinMode !== 'code' || EntryCode.safeParse(entryCode).success;
  const choice = profileFrom(profile);
  const problem =
    tags.length > OPEN_ROOM_MAX_TAGS
      ? t('openlink.create.tooManyTags', { max: OPEN_ROOM_MAX_TAGS })
      : !capOk && cap !== ''
        ? t('openlink.create.capRange', { max: OPEN_ROOM_MAX_MEMBERS })
        : !codeOk && entryCode !== ''
          ? t('openlink.create.entryCodeRule')
          : null;
  const ready = name.trim() !== '' && languages.length > 0 && capOk && codeOk && tags.length <= OPEN_ROOM_MAX_TAGS && choice !== null;

  const toggleLanguage = (code: string, on: boolean) =>
    setLanguages((list) => (on ? [...list, code].slice(0, OPEN_ROOM_MAX_LANGUAGES) : list.filter((l) => l !== code)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !choice || create.isPending) return;
    create.mutate(
      {
        name: name.trim(),
        description: description.trim(),
        category,
        tags,
        languages,
        memberCap,
        joinMode,
        format,
        entryCode: joinMode === 'code' ? entryCode : undefined,
        question: joinMode === 'request' && question.trim() ? question.trim() : undefined,
        profile: choice,
      },
      {
        onSuccess: (room) => {
          onClose();
          void navigate(room.format === 'one_to_one' ? `/openlink/rooms/${room.id}` : `/chats/${room.id}`);
        },
      },
    );
  };

  return (
    <Sheet onClose={onClose} title={t('openlink.create.title')} size="full" testId="create-room-sheet">
      <form className="sheet-form" onSubmit={submit}>
        <CountedField label={t('openlink.create.name')} value={name} onChange={setName} maxLength={50} placeholder={t('openlink.create.namePlaceholder')} data-autofocus testId="create-name" />
        <CountedField label={t('openlink.create.description')} value={description} onChange={setDescription} maxLength={500} multiline testId="create-description" />
        <label className="field">
          <span className="field-label">{t('openlink.create.category')}</span>
          <select className="select" value={category} onChange={(e) => setCategory(e.target.value as OpenRoomCategory)} data-testid="create-category">
            {openRoomCategories.map((c) => (
              <option key={c} value={c}>
                {t(`openlink.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('openlink.create.tags')}</span>
          <input className="input" value={tagsText} onChange={(e) => setTagsText(e.target.value)} placeholder={t('openlink.create.tagsPlaceholder')} data-testid="create-tags" />
          <span className="field-hint">{t('openlink.create.tagsHint', { count: tags.length, max: OPEN_ROOM_MAX_TAGS })}</span>
        </label>
        {tags.length > 0 ? (
          <div className="open-tags">
            {tags.map((tag) => (
              <span key={tag} className="open-tag">
                #{tag}
              </span>
            ))}
          </div>
        ) : null}
        <fieldset className="field open-fieldset">
          <legend className="field-label">{t('openlink.create.languages')}</legend>
          <div className="chip-row open-chips-flush" data-testid="create-languages">
            {[...new Set([lang, ...offeredLanguages])].map((code) => {
              const on = languages.includes(code);
              return (
                <label key={code} className={`chip ${on ? 'is-on' : ''}`}>
                  <input
                    type="checkbox"
                    className="sr-only"
                    checked={on}
                    disabled={!on && languages.length >= OPEN_ROOM_MAX_LANGUAGES}
                    onChange={(e) => toggleLanguage(code, e.target.checked)}
                    data-testid="create-language"
                    data-lang={code}
                  />
                  {languageName(code, lang)}
                </label>
              );
            })}
          </div>
          <span className="field-hint">{t('openlink.create.languagesHint', { max: OPEN_ROOM_MAX_LANGUAGES })}</span>
        </fieldset>
        <p className="field-label">{t('openlink.create.format')}</p>
        <ChipChoice
          options={openRoomFormats}
          value={format}
          onPick={pickFormat}
          label={t('openlink.create.format')}
          text={(f) => t(`openlink.formats.${f}`)}
          testId="create-format"
          dataKey="format"
          className="open-chips-flush"
        />
        <p className="field-hint">{t(`openlink.create.formatHints.${format}`)}</p>
        <label className="field">
          <span className="field-label">{t('openlink.create.memberCap')}</span>
          <input className="input" type="number" inputMode="numeric" min={2} max={OPEN_ROOM_MAX_MEMBERS} value={cap} onChange={(e) => setCap(e.target.value)} data-testid="create-cap" />
        </label>
        <p className="field-label">{t('openlink.create.joinMode')}</p>
        <ChipChoice
          options={modes}
          value={joinMode}
          onPick={setJoinMode}
          label={t('openlink.create.joinMode')}
          text={(m) => t(`openlink.joinModes.${m}`)}
          testId="create-join-mode"
          dataKey="mode"
          className="open-chips-flush"
        />
        <p className="field-hint">{t(`openlink.create.joinModeHints.${joinMode}`)}</p>
        {joinMode === 'code' ? (
          <label className="field">
            <span className="field-label">{t('openlink.join.entryCode')}</span>
            <input className="input" value={entryCode} onChange={(e) => setEntryCode(e.target.value)} maxLength={12} autoComplete="off" data-testid="create-entry-code" />
            <span className="field-hint">{t('openlink.create.entryCodeRule')}</span>
          </label>
        ) : null}
        {joinMode === 'request' ? (
          <CountedField label={t('openlink.create.question')} value={question} onChange={setQuestion} maxLength={200} placeholder={t('openlink.create.questionPlaceholder')} testId="create-question" />
        ) : null}
        <ProfileChoice value={profile} onChange={setProfile} />
        {problem ? <LocalError text={problem} /> : null}
        <ErrorMessage error={create.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={!ready || create.isPending} aria-busy={create.isPending} data-testid="create-submit">
          {t('openlink.create.submit')}
        </button>
      </form>
    </Sheet>
  );
}
