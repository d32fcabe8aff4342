import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OpenRoomCategory, openRoomCategories, openRoomSorts } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ChipChoice } from '../../ui/ChipChoice';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconChatPlus, IconOpenLink, IconSearch } from '../../ui/Icons';
import { IconButton, PageHeader } from '../../ui/PageHeader';
import { SearchBar } from '../../ui/SearchBar';
import { SkeletonRows } from '../../ui/Spinner';
import { useSearchInAddress } from '../../ui/useSearchInAddress';
import { useSearchRooms, type RoomFilter, type RoomSort } from './api';
import { CreateRoomSheet } from './CreateRoomSheet';
import { RoomCards } from './RoomCard';
import { SortSwitch } from './SortSwitch';
import './openlink.css';

/** The OpenLink tab: find rooms by words in any language, by category and by language; trending first. */
export function DiscoverPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { params, change, search, setSearch, q } = useSearchInAddress();
  const category = OpenRoomCategory.safeParse(params.get('category')).data ?? null;
  const sort: RoomSort = openRoomSorts.find((s) => s === params.get('sort')) ?? 'trending';
  const [creating, setCreating] = useState(false);

  const browsing = !q && !category;
  return (
    <div className="page">
      <PageHeader
        title={t('tabs.openlink')}
        large
        actions={
          <IconButton label={t('openlink.create.title')} onClick={() => setCreating(true)} testId="open-create">
            <IconChatPlus />
          </IconButton>
        }
      />
      <SearchBar
        value={search}
        onChange={setSearch}
        placeholder={t('openlink.discover.searchPlaceholder')}
        maxLength={100}
        testId="open-search"
        clearLabel={t('openlink.discover.clearSearch')}
      />
      <div className="page-body open-body">
        <ChipChoice<OpenRoomCategory | null>
          options={[null, ...openRoomCategories]}
          value={category}
          onPick={(c) => change('category', c)}
          label={t('openlink.discover.categories')}
          text={(c) => (c ? t(`openlink.categories.${c}`) : t('openlink.discover.all'))}
          testId="open-category"
          dataKey="category"
          className="open-category-row"
        />
        {browsing ? <InYourLanguages lang={lang} /> : null}
        <section className="open-section">
          <div className="open-section-head">
            <h2 className="section-title">{browsing ? t(`openlink.discover.heading.${sort}`) : t('openlink.discover.results')}</h2>
            <SortSwitch value={sort} onChange={(s) => change('sort', s === 'trending' ? null : s)} />
          </div>
          <RoomResults filter={{ q: q || undefined, category: category ?? undefined, sort }} query={q} testId={browsing ? 'open-trending' : 'open-results'} />
        </section>
      </div>
      {creating ? <CreateRoomSheet onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

/** Rooms that declare the reader's language, so they can talk without translation if they like. */
function InYourLanguages({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const rooms = useSearchRooms({ langs: [lang], sort: 'trending', limit: 5 });
  if (!rooms.data || rooms.data.length === 0) return null;
  return (
    <section className="open-section">
      <h2 className="section-title">{t('openlink.discover.inYourLanguage')}</h2>
      <RoomCards rooms={rooms.data} testId="open-in-language" />
    </section>
  );
}

export function RoomResults({ filter, query, testId }: { filter: RoomFilter; query?: string; testId: string }) {
  const { t } = useTranslation();
  const rooms = useSearchRooms(filter);
  if (rooms.isPending) return <SkeletonRows count={4} />;
  if (rooms.isError && !rooms.data) return <ErrorState error={rooms.error} onRetry={() => void rooms.refetch()} />;
  const list = rooms.data ?? [];
  if (list.length === 0) {
    return query ? (
      <EmptyState icon={<IconSearch size={32} />} title={t('openlink.discover.noResultsFor', { query })} />
    ) : (
      <EmptyState icon={<IconOpenLink size={32} />} title={t('openlink.discover.empty')} body={t('openlink.discover.emptyBody')} />
    );
  }
  return <RoomCards rooms={list} testId={testId} />;
}
