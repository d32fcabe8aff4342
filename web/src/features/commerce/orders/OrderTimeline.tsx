import { useTranslation } from 'react-i18next';
import type { ShopOrder } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { stepTime, timelineIndex, timelineSteps } from '../format';
import { dateTime } from '../parts';
import '../commerce.css';

/** paid → preparing → shipped (with the carrier and tracking number) → delivered → completed. */
export function OrderTimeline({ order }: { order: ShopOrder }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const at = timelineIndex(order.status);
  return (
    <ol className="order-timeline" data-testid="order-timeline">
      {timelineSteps.map((step, i) => {
        const time = stepTime(order, step);
        return (
          <li key={step} className={`timeline-step ${i <= at ? 'is-done' : ''} ${i === at ? 'is-current' : ''}`} data-step={step} data-done={i <= at}>
            <span className="timeline-dot" aria-hidden="true" />
            <span className="row-text">
              <span className="timeline-label">{t(`commerce.timeline.${step}`)}</span>
              {step === 'shipped' && i <= at && order.trackingNumber ? (
                <span className="row-subtitle" data-testid="order-tracking">
                  {t('commerce.timeline.tracking', { carrier: order.carrier ?? '', number: order.trackingNumber })}
                </span>
              ) : null}
              {time && i <= at ? <span className="row-subtitle">{dateTime(time, lang)}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
