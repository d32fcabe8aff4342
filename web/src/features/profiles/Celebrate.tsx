import { useTranslation } from 'react-i18next';
import { celebrationReactions, type Celebrations } from '@maum/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useCelebrate } from './api';
import { ReactionIcon } from './art';

/**
 * The celebrate buttons of an event, each with its count; the viewer's own reaction is lit. Tapping another one
 * changes it, tapping it again takes it back. The owner sees the counts without buttons.
 */
export function CelebrateBar({ ownerId, eventId, celebrations, owner }: { ownerId: string; eventId: string; celebrations: Celebrations; owner: boolean }) {
  const { t } = useTranslation();
  const celebrate = useCelebrate(ownerId, eventId);
  return (
    <div className="celebrate">
      <div className="celebrate-bar" role="group" aria-label={t('profiles.celebrate.label')} data-testid="celebrate-bar" data-total={celebrations.total}>
        {celebrationReactions.map((reaction) => {
          const count = celebrations.counts[reaction] ?? 0;
          const mine = celebrations.mine === reaction;
          const label = t(`profiles.reactions.${reaction}`);
          if (owner) {
            return count > 0 ? (
              <span key={reaction} className="celebrate-chip is-static" title={label} data-reaction={reaction} data-testid="celebrate-count">
                <ReactionIcon reaction={reaction} size={18} />
                <span className="celebrate-count">{count}</span>
              </span>
            ) : null;
          }
          return (
            <button
              key={reaction}
              type="button"
              className={`celebrate-chip ${mine ? 'is-mine' : ''}`}
              aria-pressed={mine}
              aria-label={t('profiles.celebrate.with', { reaction: label, count })}
              title={label}
              disabled={celebrate.isPending}
              onClick={() => celebrate.mutate(mine ? null : reaction)}
              data-testid="celebrate"
              data-reaction={reaction}
            >
              <ReactionIcon reaction={reaction} size={18} />
              {count > 0 ? <span className="celebrate-count">{count}</span> : null}
            </button>
          );
        })}
        {owner && celebrations.total === 0 ? <span className="muted small">{t('profiles.celebrate.none')}</span> : null}
      </div>
      <ErrorMessage error={celebrate.error} />
    </div>
  );
}
