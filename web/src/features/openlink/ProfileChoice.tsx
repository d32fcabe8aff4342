import { useTranslation } from 'react-i18next';
import { OPEN_NICKNAME_MAX, type OpenProfileChoice } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { useMe } from '../accounts';

export interface ProfileDraft {
  kind: 'main' | 'open';
  nickname: string;
}

/** The profile as the server takes it, or null while an open profile has no nickname yet. */
export function profileFrom(draft: ProfileDraft): OpenProfileChoice | null {
  if (draft.kind === 'main') return { kind: 'main' };
  const nickname = draft.nickname.trim();
  return nickname ? { kind: 'open', nickname } : null;
}

/** Who to be in a room: your main profile, or a nickname only this room knows you by. */
export function ProfileChoice({ value, onChange }: { value: ProfileDraft; onChange: (next: ProfileDraft) => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <fieldset className="open-profile-choice">
      <legend className="field-label">{t('openlink.profile.label')}</legend>
      <label className={`open-profile-option ${value.kind === 'main' ? 'is-on' : ''}`}>
        <input type="radio" name="open-profile" checked={value.kind === 'main'} onChange={() => onChange({ ...value, kind: 'main' })} data-testid="profile-main" />
        {me ? <Avatar name={me.displayName} url={me.avatarUrl} seed={me.id} size={36} /> : null}
        <span className="open-profile-text">
          <span className="open-profile-title">{t('openlink.profile.main')}</span>
          <span className="open-profile-hint">{me?.displayName}</span>
        </span>
      </label>
      <label className={`open-profile-option ${value.kind === 'open' ? 'is-on' : ''}`}>
        <input type="radio" name="open-profile" checked={value.kind === 'open'} onChange={() => onChange({ ...value, kind: 'open' })} data-testid="profile-open" />
        <Avatar name={value.nickname || '?'} url={null} seed={value.nickname || 'open'} size={36} />
        <span className="open-profile-text">
          <span className="open-profile-title">{t('openlink.profile.open')}</span>
          <span className="open-profile-hint">{t('openlink.profile.openHint')}</span>
        </span>
      </label>
      {value.kind === 'open' ? (
        <input
          className="input"
          value={value.nickname}
          onChange={(e) => onChange({ ...value, nickname: e.target.value })}
          maxLength={OPEN_NICKNAME_MAX}
          placeholder={t('openlink.profile.nickname')}
          aria-label={t('openlink.profile.nickname')}
          data-testid="profile-nickname"
        />
      ) : null}
    </fieldset>
  );
}
