import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconClock } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { useModerationLog } from './api';
import { dateTime } from './time';

/** Every moderation action in the room, newest first: any member may see who did what. */
export function ModerationLogSheet({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const log = useModerationLog(roomId);
  const list = log.data ?? [];
  return (
    <Sheet onClose={onClose} title={t('openlink.log.title')} size="full" testId="moderation-log">
      {log.isPending ? (
        <SkeletonRows count={4} />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={<IconClock size={32} />} title={t('openlink.log.empty')} />
      ) : (
        <ul className="list open-log">
          {list.map((entry) => (
            <li key={entry.id} className="open-log-entry" data-testid="moderation-entry" data-action={entry.action}>
              <p className="open-log-line">{t(`openlink.log.actions.${entry.action}`, { actor: entry.actor.displayName, target: entry.target?.displayName ?? '' })}</p>
              {entry.detail ? <p className="open-log-detail">{entry.detail}</p> : null}
              <time className="open-log-time" dateTime={entry.at}>
                {dateTime(entry.at, lang)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Sheet>
  );
}
