import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import type { RoomSort } from './api';
import { RoomResults } from './DiscoverPage';
import { SortSwitch } from './SortSwitch';
import './openlink.css';

/** Every room with one tag, whatever language it was typed in or the case it was typed in. */
export function TagPage() {
  const { t } = useTranslation();
  const { tag = '' } = useParams();
  const [sort, setSort] = useState<RoomSort>('trending');
  return (
    <div className="page">
      <PageHeader title={`#${tag}`} back="/openlink" />
      <div className="page-body open-body">
        <section className="open-section">
          <div className="open-section-head">
            <h2 className="section-title">{t('openlink.tag.rooms', { tag })}</h2>
            <SortSwitch value={sort} onChange={setSort} />
          </div>
          <RoomResults filter={{ tag, sort }} testId="open-tag-results" />
        </section>
      </div>
    </div>
  );
}
