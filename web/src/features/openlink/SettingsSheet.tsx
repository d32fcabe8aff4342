import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BANNED_WORDS, slowModeSteps, type BannedWords, type OpenRoom } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ChipChoice } from '../../ui/ChipChoice';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useBannedWords, useDryRunBannedWords, useSaveSettings, useSetCover, type SettingsInput } from './api';
import { Avatar } from '../../ui/Avatar';
import { parseWords, sameWords, settingsChanges } from './settings';
import { slowModeLabel } from './format';

type Step = (typeof slowModeSteps)[number];

/** The room's rules: slow mode, announcements only, the pinned notice and banned words (tried before they apply). */
export function SettingsSheet({ room, onClose }: { room: OpenRoom; onClose: () => void }) {
  const { t } = useTranslation();
  const banned = useBannedWords(room.id);
  return (
    <Sheet onClose={onClose} title={t('openlink.settings.title')} size="full" testId="settings-sheet">
      <CoverPicker room={room} />
      {banned.isPending ? (
        <div className="room-loading">
          <Spinner size={24} label={t('common.loading')} />
        </div>
      ) : banned.isError ? (
        <ErrorState error={banned.error} onRetry={() => void banned.refetch()} />
      ) : (
        <SettingsForm room={room} banned={banned.data} onClose={onClose} />
      )}
    </Sheet>
  );
}

function SettingsForm({ room, banned, onClose }: { room: OpenRoom; banned: BannedWords; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const save = useSaveSettings(room.id);
  const dryRun = useDryRunBannedWords(room.id);
  const [slow, setSlow] = useState<Step>((slowModeSteps.find((s) => s === room.slowModeSeconds) ?? 0) as Step);
  const [readOnly, setReadOnly] = useState(room.readOnly);
  const [notice, setNotice] = useState(room.pinnedNotice ?? '');
  const [wordsText, setWordsText] = useState(banned.words.join('\n'));
  const [match, setMatch] = useState<BannedWords['match']>(banned.match);
  const words = parseWords(wordsText);
  const list: BannedWords = { words, match };
  const wordsChanged = !sameWords(list, banned);
  // A changed list is tried on the latest messages before it applies, so a host sees what it would have refused.
  const tried = dryRun.data && dryRun.variables && sameWords(dryRun.variables, list) ? dryRun.data : null;
  const changes: SettingsInput = settingsChanges(room, banned, { slowModeSeconds: slow, readOnly, pinnedNotice: notice, bannedWords: list });
  const nothing = Object.keys(changes).length === 0;

  return (
    <div className="sheet-form">
      <p className="field-label">{t('openlink.settings.slowMode')}</p>
      <ChipChoice
        options={slowModeSteps.map(String)}
        value={String(slow)}
        onPick={(v) => setSlow(Number(v) as Step)}
        label={t('openlink.settings.slowMode')}
        text={(v) => (v === '0' ? t('openlink.settings.off') : slowModeLabel(Number(v), lang))}
        testId="slow-mode"
        dataKey="seconds"
        className="open-chips-flush"
      />
      <p className="field-hint">{t('openlink.settings.slowModeHint')}</p>
      <label className="toggle-row">
        <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} data-testid="read-only" />
        <span>{t('openlink.settings.readOnly')}</span>
      </label>
      <p className="field-hint">{t('openlink.settings.readOnlyHint')}</p>
      <CountedField label={t('openlink.settings.pinnedNotice')} value={notice} onChange={setNotice} maxLength={500} multiline testId="pinned-notice-input" />
      <label className="field">
        <span className="field-label">{t('openlink.settings.bannedWords')}</span>
        <textarea
          className="input input-multiline"
          rows={4}
          value={wordsText}
          onChange={(e) => setWordsText(e.target.value)}
          placeholder={t('openlink.settings.bannedWordsPlaceholder')}
          data-testid="banned-words"
        />
        <span className="field-hint">{t('openlink.settings.bannedWordsHint', { count: words.length, max: MAX_BANNED_WORDS })}</span>
      </label>
      <ChipChoice
        options={['exact', 'contains'] as const}
        value={match}
        onPick={setMatch}
        label={t('openlink.settings.match')}
        text={(m) => t(`openlink.settings.matchModes.${m}`)}
        testId="banned-match"
        dataKey="match"
        className="open-chips-flush"
      />
      {wordsChanged ? (
        <div className="dry-run" data-testid="dry-run">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => dryRun.mutate(list)} disabled={dryRun.isPending} data-testid="dry-run-button">
            {t('openlink.settings.tryWords')}
          </button>
          <ErrorMessage error={dryRun.error} />
          {tried ? (
            <div className="dry-run-result" data-testid="dry-run-result">
              <p>{t('openlink.settings.tried', { count: tried.matched.length, checked: tried.checked })}</p>
              {tried.matched.length > 0 ? (
                <ul className="dry-run-list">
                  {tried.matched.map((m) => (
                    <li key={m.seq}>{m.text}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={save.error} />
      <button
        type="button"
        className="btn btn-primary btn-block"
        disabled={nothing || (wordsChanged && !tried) || save.isPending}
        aria-busy={save.isPending}
        onClick={() =>
          save.mutate(changes, {
            onSuccess: () => {
              toast(t('openlink.settings.savedToast'));
              onClose();
            },
          })
        }
        data-testid="settings-save"
      >
        {wordsChanged && !tried ? t('openlink.settings.tryFirst') : t('common.save')}
      </button>
    </div>
  );
}

/** The room's cover picture, which search results and the room page show. */
function CoverPicker({ room }: { room: OpenRoom }) {
  const { t } = useTranslation();
  const cover = useSetCover(room.id);
  return (
    <>
      <label className="open-avatar-pick" data-testid="open-cover-pick">
        <Avatar name={room.name} url={cover.data?.coverUrl ?? room.coverUrl} seed={room.id} size={56} className="open-cover" />
        <span className="btn btn-secondary" aria-busy={cover.isPending}>
          {cover.isPending ? t('common.saving') : t('openlink.settings.cover')}
        </span>
        <input type="file" accept="image/*" className="sr-only" onChange={(e) => e.target.files?.[0] && cover.mutate(e.target.files[0])} data-testid="open-cover-input" />
      </label>
      <ErrorMessage error={cover.error} />
    </>
  );
}
