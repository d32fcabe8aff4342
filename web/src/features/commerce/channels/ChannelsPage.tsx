import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { channelCategories, type ChannelCategory } from '@maum/protocol';
import { ChipChoice } from '../../../ui/ChipChoice';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorState } from '../../../ui/ErrorMessage';
import { IconShop } from '../../../ui/Icons';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchBar } from '../../../ui/SearchBar';
import { SkeletonRows } from '../../../ui/Spinner';
import { useDebounced } from '../../../ui/useDebounced';
import { useChannels, type ChannelFilter } from '../api';
import { ChannelRow } from './ChannelRow';
import '../commerce.css';

/** Finding channels by name or category; with no search, the channels you added and then all of them. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<ChannelCategory | null>(null);
  const q = useDebounced(search.trim(), 250);
  const searching = q.length > 0 || category !== null;
  const filter: ChannelFilter = searching ? { ...(q ? { q } : {}), ...(category ? { category } : {}) } : { following: true };
  const channels = useChannels(filter);
  // With nothing searched, every channel is offered below the ones already added, so there is somewhere to start.
  const everyone = useChannels({}, !searching);

  return (
    <div className="page page-wide channels-page">
      <PageHeader title={t('commerce.channels.title')} back="/shop" />
      <SearchBar value={search} onChange={setSearch} placeholder={t('commerce.channels.search')} maxLength={40} testId="channel-search" clearLabel={t('shop.clearSearch')} />
      <ChipChoice
        options={channelCategories}
        value={category}
        onPick={(c) => setCategory(category === c ? null : c)}
        label={t('commerce.channels.category')}
        text={(c) => t(`commerce.category.${c!}`)}
        testId="channel-category"
        dataKey="category"
        className="channel-categories"
      />
      <div className="page-body">
        {searching ? (
          <ChannelSection title={t('commerce.channels.results')} channels={channels} empty={<EmptyState icon={<IconShop size={32} />} title={t('commerce.channels.noResults')} />} />
        ) : (
          <>
            <ChannelSection
              title={t('commerce.channels.following')}
              channels={channels}
              empty={<EmptyState icon={<IconShop size={32} />} title={t('commerce.channels.noneFollowed')} body={t('commerce.channels.noneFollowedBody')} />}
            />
            <ChannelSection title={t('commerce.channels.discover')} channels={everyone} empty={null} />
          </>
        )}
      </div>
    </div>
  );
}

function ChannelSection({ title, channels, empty }: { title: string; channels: ReturnType<typeof useChannels>; empty: ReactNode }) {
  return (
    <section className="shop-section">
      <h2 className="section-title">{title}</h2>
      {channels.isPending ? (
        <SkeletonRows count={3} />
      ) : channels.isError ? (
        <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
      ) : channels.data.length === 0 ? (
        empty
      ) : (
        <ul className="channel-list" data-testid="channel-list">
          {channels.data.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} />
          ))}
        </ul>
      )}
    </section>
  );
}
