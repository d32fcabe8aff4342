import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelCategories, type ChannelCategory } from '@maum/protocol';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorState } from '../../../ui/ErrorMessage';
import { IconShop } from '../../../ui/Icons';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchBar } from '../../../ui/SearchBar';
import { SkeletonRows } from '../../../ui/Spinner';
import { useDebounced } from '../../../ui/useDebounced';
import { useChannels, type ChannelFilter } from '../api';
import { ChannelRow } from './ChannelRow';

/** Finding channels by name or category; with no search, the channels you added. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<ChannelCategory | null>(null);
  const q = useDebounced(search.trim(), 250);
  const searching = q.length > 0 || category !== null;
  const filter: ChannelFilter = searching ? { ...(q ? { q } : {}), ...(category ? { category } : {}) } : { following: true };
  const channels = useChannels(filter);

  return (
    <div className="page">
      <PageHeader title={t('commerce.channels.title')} back="/shop" />
      <SearchBar value={search} onChange={setSearch} placeholder={t('commerce.channels.search')} maxLength={40} testId="channel-search" clearLabel={t('shop.clearSearch')} />
      <div className="chip-row channel-categories" role="radiogroup" aria-label={t('commerce.channels.category')}>
        {channelCategories.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={category === c}
            className={`chip ${category === c ? 'is-on' : ''}`}
            onClick={() => setCategory(category === c ? null : c)}
            data-testid="channel-category"
            data-category={c}
          >
            {t(`commerce.category.${c}`)}
          </button>
        ))}
      </div>
      <div className="page-body">
        <h2 className="section-title">{searching ? t('commerce.channels.results') : t('commerce.channels.following')}</h2>
        {channels.isPending ? (
          <SkeletonRows count={4} />
        ) : channels.isError ? (
          <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
        ) : channels.data.length === 0 ? (
          <EmptyState icon={<IconShop size={32} />} title={searching ? t('commerce.channels.noResults') : t('commerce.channels.noneFollowed')} body={searching ? undefined : t('commerce.channels.noneFollowedBody')} />
        ) : (
          <ul className="channel-list" data-testid="channel-list">
            {channels.data.map((channel) => (
              <ChannelRow key={channel.id} channel={channel} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
