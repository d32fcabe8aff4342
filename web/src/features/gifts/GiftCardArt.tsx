import { useTranslation } from 'react-i18next';
import { TemplateArt } from './art';
import type { CardTemplate } from './format';
import './gifts.css';

/** The message card that goes with a gift: the template's colours and picture, its greeting and the sender's words. */
export function GiftCardArt({ template, text, compact }: { template: CardTemplate; text?: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`gift-card gift-card-${template} ${compact ? 'is-compact' : ''}`} data-testid="gift-card" data-template={template}>
      <span className="gift-card-art" aria-hidden="true">
        <TemplateArt template={template} size={compact ? 34 : 44} />
      </span>
      <span className="gift-card-greeting">{t(`gifts.templates.${template}.greeting`)}</span>
      {text ? <p className="gift-card-text">{text}</p> : null}
    </div>
  );
}
