import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@maum/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconEyeOff, IconFlag } from '../../ui/Icons';
import { ConfirmDialog } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useHide, useOpenRoom } from './api';
import { may } from './format';
import { ReportSheet } from './ReportSheet';

/** An open room's items in a message's menu: report it to the hosts, and for those granted it, hide it for everyone. */
export function MessageActions({ roomId, message, mine, onDone }: { roomId: string; message: Message; mine: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const room = useOpenRoom(roomId, { fresh: true }).data;
  const hide = useHide(roomId);
  const [open, setOpen] = useState<'hide' | 'report' | null>(null);
  const canHide = room ? may(room, 'hide') : false;
  return (
    <>
      {canHide ? (
        <li>
          <button type="button" className="menu-action is-danger" onClick={() => setOpen('hide')} data-testid="menu-hide">
            <IconEyeOff size={20} />
            {t('openlink.moderation.hide')}
          </button>
        </li>
      ) : null}
      {!mine ? (
        <li>
          <button type="button" className="menu-action" onClick={() => setOpen('report')} data-testid="menu-report">
            <IconFlag size={20} />
            {t('openlink.report.title')}
          </button>
        </li>
      ) : null}
      {open === 'hide' ? (
        <ConfirmDialog
          message={t('openlink.moderation.hideConfirm')}
          detail={t('openlink.moderation.hideDetail')}
          confirmLabel={t('openlink.moderation.hide')}
          danger
          pending={hide.isPending}
          error={<ErrorMessage error={hide.error} />}
          onCancel={() => setOpen(null)}
          onConfirm={() =>
            hide.mutate(message.seq, {
              onSuccess: () => {
                toast(t('openlink.moderation.hiddenToast'));
                onDone();
              },
            })
          }
        />
      ) : null}
      {open === 'report' ? <ReportSheet roomId={roomId} memberId={message.senderId} seq={message.seq} onClose={() => setOpen(null)} onDone={onDone} /> : null}
    </>
  );
}
