import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { IconCopy, IconReply, IconTrash } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { previewText } from './format';
import type { People } from './people';
import './chat.css';

export const REACTIONS = ['❤️', '👍', '😆', '😮', '😢', '🙏'] as const;

interface Props {
  message: Message;
  people: People;
  meId: string | null;
  /** Decided when the menu opened: the sender only, within the delete window. */
  canDelete: boolean;
  onReply: () => void;
  onReact: (emoji: string, on: boolean) => void;
  onCopy: (() => void) | null;
  onDelete: () => void;
  onClose: () => void;
  /** Actions the room adds (an open room's hide and report), as items of the list. */
  extra?: ReactNode;
}

/** What can be done with one message: react, reply, copy, delete for everyone. */
export function MessageMenu({ message, people, meId, canDelete, onReply, onReact, onCopy, onDelete, onClose, extra }: Props) {
  const { t } = useTranslation();
  const preview = previewText(t, message, people.name, currentLanguage());
  return (
    <Sheet onClose={onClose} label={t('chat.messageOptions')} testId="message-menu">
      <div className="menu-body">
        <p className="menu-preview">
          <strong>{message.senderId === meId ? t('common.you') : people.name(message.senderId)}</strong>
          <span>{preview}</span>
        </p>
        <div className="menu-reactions" role="group" aria-label={t('chat.react')} data-testid="menu-react">
          {REACTIONS.map((emoji) => {
            const on = meId !== null && (message.reactions[emoji] ?? []).includes(meId);
            return (
              <button
                key={emoji}
                type="button"
                className={`menu-emoji ${on ? 'is-on' : ''}`}
                aria-pressed={on}
                data-emoji={emoji}
                onClick={() => onReact(emoji, !on)}
              >
                {emoji}
              </button>
            );
          })}
        </div>
        <ul className="menu-actions">
          <li>
            <button type="button" className="menu-action" onClick={onReply} data-testid="menu-reply" data-autofocus>
              <IconReply size={20} />
              {t('chat.reply')}
            </button>
          </li>
          {onCopy ? (
            <li>
              <button type="button" className="menu-action" onClick={onCopy} data-testid="menu-copy">
                <IconCopy size={20} />
                {t('common.copy')}
              </button>
            </li>
          ) : null}
          {canDelete ? (
            <li>
              <button type="button" className="menu-action is-danger" onClick={onDelete} data-testid="menu-delete">
                <IconTrash size={20} />
                {t('chat.deleteForEveryone')}
              </button>
            </li>
          ) : null}
          {extra}
        </ul>
      </div>
    </Sheet>
  );
}
