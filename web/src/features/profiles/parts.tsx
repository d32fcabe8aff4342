import { useTranslation } from 'react-i18next';
import type { ProfileEvent } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { dayTag, formatDay } from './format';

/** "Today", "D-3" or "D+2", as a small tag. */
export function DayTag({ days }: { days: number }) {
  const { t } = useTranslation();
  const tag = dayTag(days);
  return (
    <span className={`day-tag is-${tag.key}`} data-testid="day-tag" data-days={days}>
      {tag.key === 'today' ? t('profiles.events.today') : tag.key === 'before' ? t('profiles.events.dBefore', { count: tag.count }) : t('profiles.events.dAfter', { count: tag.count })}
    </span>
  );
}

/** The day an event falls on, without a year for a yearly one. */
export function EventDay({ event }: { event: Pick<ProfileEvent, 'occursOn' | 'yearly'> }) {
  const { t } = useTranslation();
  const day = formatDay(event.occursOn, currentLanguage(), !event.yearly);
  return <>{event.yearly ? t('profiles.events.everyYear', { day }) : day}</>;
}
