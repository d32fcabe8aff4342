import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reportReasons } from '@maum/protocol';
import { ChipChoice } from '../../ui/ChipChoice';
import { CountedField } from '../../ui/CountedField';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useReport } from './api';

type Reason = (typeof reportReasons)[number];

/** Tells the room's hosts about a member, or one of their messages. */
export function ReportSheet({ roomId, memberId, seq, onClose, onDone }: { roomId: string; memberId: string; seq?: number; onClose: () => void; onDone?: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const report = useReport(roomId);
  const [reason, setReason] = useState<Reason | null>(null);
  const [detail, setDetail] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason || report.isPending) return;
    report.mutate(
      { memberId, seq, reason, detail: detail.trim() },
      {
        onSuccess: () => {
          toast(t('openlink.report.sentToast'));
          onClose();
          onDone?.();
        },
      },
    );
  };
  return (
    <Sheet onClose={onClose} title={seq ? t('openlink.report.messageTitle') : t('openlink.report.memberTitle')} testId="report-sheet">
      <form className="sheet-form" onSubmit={submit}>
        <p className="field-label">{t('openlink.report.reason')}</p>
        <ChipChoice<Reason | null>
          options={reportReasons}
          value={reason}
          onPick={setReason}
          label={t('openlink.report.reason')}
          text={(r) => (r ? t(`openlink.report.reasons.${r}`) : '')}
          testId="report-reason"
          dataKey="reason"
          className="open-chips-flush"
        />
        <CountedField label={t('openlink.report.detail')} value={detail} onChange={setDetail} maxLength={500} multiline testId="report-detail" />
        <p className="field-hint">{t('openlink.report.hint')}</p>
        <ErrorMessage error={report.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={!reason || report.isPending} aria-busy={report.isPending} data-testid="report-submit">
          {t('openlink.report.send')}
        </button>
      </form>
    </Sheet>
  );
}
