import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconOpenLink } from '../ui/Icons';
import { PageHeader } from '../ui/PageHeader';
import './coming-soon.css';

type Area = 'openlink';

const icons: Record<Area, ReactNode> = {
  openlink: <IconOpenLink size={44} />,
};

/** Tabs that are part of the product's shape but not open yet. */
export function ComingSoon({ area }: { area: Area }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t(`tabs.${area}`)} large />
      <div className="page-body coming-soon" data-testid={`coming-soon-${area}`}>
        <div className="coming-soon-art">{icons[area]}</div>
        <span className="badge badge-yellow">{t('soon.badge')}</span>
        <h2 className="coming-soon-title">{t(`soon.${area}Title`)}</h2>
        <p className="coming-soon-body">{t(`soon.${area}Body`)}</p>
      </div>
    </div>
  );
}
