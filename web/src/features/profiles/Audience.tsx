import { useTranslation } from 'react-i18next';
import type { Audience } from '@maum/protocol';
import { IconEye } from '../../ui/Icons';
import { useLists } from './api';
import { audienceFromValue, audienceValue, describeAudience } from './format';

const kinds = ['everyone', 'friends', 'favourites', 'only_me'] as const;

/** Whom a block or an event is shown to: everyone, friends, favourites, one of the owner's lists, or only them. */
export function AudienceSelect({ value, onChange, testId, label }: { value: Audience; onChange: (audience: Audience) => void; testId: string; label?: string }) {
  const { t } = useTranslation();
  const lists = useLists().data ?? [];
  const current = audienceValue(value);
  const missing = value.kind === 'list' && !lists.some((l) => l.id === value.listId);
  return (
    <select
      className="select select-compact audience-select"
      value={current}
      onChange={(e) => onChange(audienceFromValue(e.target.value))}
      aria-label={label ?? t('profiles.audience.label')}
      data-testid={testId}
    >
      {kinds.map((kind) => (
        <option key={kind} value={kind}>
          {t(`profiles.audience.${kind}`)}
        </option>
      ))}
      {lists.map((list) => (
        <option key={list.id} value={`list:${list.id}`}>
          {t('profiles.audience.listNamed', { name: list.name })}
        </option>
      ))}
      {missing ? <option value={current}>{t('profiles.audience.list')}</option> : null}
    </select>
  );
}

/** For the owner: whom this is shown to. */
export function AudienceBadge({ audience }: { audience: Audience | null }) {
  const { t } = useTranslation();
  const lists = useLists(audience?.kind === 'list').data ?? [];
  if (!audience) return null;
  const { kind, name } = describeAudience(audience, lists);
  return (
    <span className="badge badge-plain audience-badge" data-testid="audience-badge" data-audience={kind}>
      <IconEye size={12} />
      {kind === 'list' && name ? t('profiles.audience.listNamed', { name }) : t(`profiles.audience.${kind}`)}
    </span>
  );
}
