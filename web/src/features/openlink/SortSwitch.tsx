import { useTranslation } from 'react-i18next';
import { openRoomSorts } from '@maum/protocol';
import type { RoomSort } from './api';

/** Trending, newest or biggest first. */
export function SortSwitch({ value, onChange }: { value: RoomSort; onChange: (sort: RoomSort) => void }) {
  const { t } = useTranslation();
  return (
    <label className="open-sort">
      <span className="sr-only">{t('openlink.discover.sortLabel')}</span>
      <select className="select select-compact" value={value} onChange={(e) => onChange(e.target.value as RoomSort)} data-testid="open-sort">
        {openRoomSorts.map((s) => (
          <option key={s} value={s}>
            {t(`openlink.discover.sort.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
