import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconFlag } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { dateTime } from './time';
import { useReports } from './api';

/** What members reported to the hosts, newest first. */
export function ReportsSheet({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const reports = useReports(roomId);
  const list = reports.data ?? [];
  return (
    <Sheet onClose={onClose} title={t('openlink.reports.title')} size="full" testId="reports-sheet">
      {reports.isPending ? (
        <SkeletonRows count={3} />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={<IconFlag size={32} />} title={t('openlink.reports.empty')} />
      ) : (
        <ul className="list open-cards">
          {list.map((report) => (
            <li key={report.id} className="open-report" data-testid="member-report-row">
              <p className="open-report-head">
                <strong>{report.member.displayName}</strong>
                <span className="badge badge-plain">{t(`openlink.report.reasons.${report.reason}`)}</span>
                <time className="open-report-time" dateTime={report.at}>
                  {dateTime(report.at, lang)}
                </time>
              </p>
              {report.text ? <blockquote className="open-report-text">{report.text}</blockquote> : null}
              {report.detail ? <p className="open-report-detail">{report.detail}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Sheet>
  );
}
