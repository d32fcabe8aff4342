import { useTranslation } from 'react-i18next';
import { cardTemplates } from '@maum/protocol';
import { CountedField } from '../../ui/CountedField';
import { GiftCardArt } from './GiftCardArt';
import { TemplateArt } from './art';
import type { CardTemplate } from './format';
import './gifts.css';

/** The longest message a gift card carries; the protocol allows the same. */
const CARD_TEXT_MAX = 200;

interface Props {
  template: CardTemplate;
  onTemplate: (template: CardTemplate) => void;
  text: string;
  onText: (text: string) => void;
}

/** Choosing a gift's message card: a template, a preview as the friend will see it, and the words on it. */
export function CardStep({ template, onTemplate, text, onText }: Props) {
  const { t } = useTranslation();
  return (
    <section className="send-section">
      <h3 className="section-title">{t('gifts.send.card')}</h3>
      <div className="template-picker" role="radiogroup" aria-label={t('gifts.send.card')}>
        {cardTemplates.map((name) => (
          <button
            key={name}
            type="button"
            role="radio"
            aria-checked={template === name}
            className={`template-choice gift-card-${name} ${template === name ? 'is-on' : ''}`}
            onClick={() => onTemplate(name)}
            data-testid="card-template"
            data-template={name}
          >
            <TemplateArt template={name} size={24} />
            <span className="template-name">{t(`gifts.templates.${name}.name`)}</span>
          </button>
        ))}
      </div>
      <GiftCardArt template={template} text={text.trim()} />
      <CountedField
        label={t('gifts.send.message')}
        value={text}
        onChange={onText}
        maxLength={CARD_TEXT_MAX}
        placeholder={t('gifts.send.messagePlaceholder')}
        multiline
        testId="card-text"
      />
    </section>
  );
}
