import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Message } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { chat } from '../../realtime';
import { IconPin, IconTranslate } from '../../ui/Icons';
import { useToast } from '../../ui/Toast';
import { AccessBanner } from '../subscriptions';
import { openKeys, useOpenRoom, useTranslator } from './api';
import { deviceCanTranslate, prepareDeviceTranslators } from './deviceTranslator';
import { moderates } from './format';
import { languageOf, needsTranslation } from './translation';
import { expectPushedTranslation, setDeviceTranslation, translateHere, translateOnServer, useDeviceTranslation } from './translations';
import './openlink.css';

/**
 * Above an open room's conversation: a word when the caller's subscription to a subscribers-only room ended, its pinned
 * notice, and a plain word when this server does not translate. It also has the loaded messages translated into the
 * reader's language, as they load and as they arrive.
 */
export function RoomBanner({ roomId, messages, accessEnded }: { roomId: string; messages: readonly Message[]; accessEnded: boolean }) {
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const room = useOpenRoom(roomId);
  const translator = useTranslator();
  const onDevice = useDeviceTranslation();
  const translates = translator.data?.translates;
  const languages = room.data?.languages;

  // A host's change (a notice, slow mode, a new co-host) reaches the room as a room change.
  useEffect(
    () =>
      chat.on((event) => {
        if (event.type === 'room-changed' && event.roomId === roomId) {
          void queryClient.invalidateQueries({ queryKey: openKeys.room(roomId) });
          void queryClient.invalidateQueries({ queryKey: openKeys.members(roomId) });
        }
        // The server pushes translations into the room's own languages as messages are sent.
        if (event.type === 'message' && event.message.roomId === roomId && translates && languages?.includes(lang)) {
          expectPushedTranslation(roomId, lang, event.message);
        }
      }),
    [roomId, queryClient, translates, languages, lang],
  );

  useEffect(() => {
    if (translates) void translateOnServer(roomId, lang, messages);
    else if (translates === false && onDevice) void translateHere(roomId, lang, messages);
  }, [roomId, lang, messages, translates, onDevice]);

  const notice = room.data?.pinnedNotice;
  return (
    <>
      {room.data ? <AccessBanner roomId={roomId} exempt={moderates(room.data)} accessEnded={accessEnded} /> : null}
      {notice ? <PinnedNotice text={notice} /> : null}
      {translates === false ? <NoTranslatorNote messages={messages} onDevice={onDevice} /> : null}
    </>
  );
}

function PinnedNotice({ text }: { text: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <button
      type="button"
      className={`pinned-notice ${open ? 'is-open' : ''}`}
      onClick={() => setOpen(!open)}
      aria-expanded={open}
      aria-label={t('openlink.room.pinnedNotice')}
      data-testid="pinned-notice"
    >
      <IconPin size={16} />
      <span className="pinned-notice-text">{text}</span>
    </button>
  );
}

function NoTranslatorNote({ messages, onDevice }: { messages: readonly Message[]; onDevice: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const [starting, setStarting] = useState(false);
  const canHere = deviceCanTranslate();
  const start = () => {
    setStarting(true);
    // Within the tap: making a translator may download a language pack, which browsers allow only then.
    const sources = messages.filter((m) => needsTranslation(m, lang)).map((m) => languageOf(m) ?? '');
    void prepareDeviceTranslators(sources.filter(Boolean), lang).then((can) => {
      setStarting(false);
      if (can) setDeviceTranslation(true);
      else toast(t('openlink.translate.deviceCannot'));
    });
  };
  return (
    <div className="translator-note" role="note" data-testid="translator-note">
      <IconTranslate size={16} />
      <span className="translator-note-text">{onDevice ? t('openlink.translate.onDevice') : t('openlink.translate.serverDoesNot')}</span>
      {canHere ? (
        onDevice ? (
          <button type="button" className="btn-link" onClick={() => setDeviceTranslation(false)} data-testid="device-translate-off">
            {t('openlink.translate.stopOnDevice')}
          </button>
        ) : (
          <button type="button" className="btn-link" onClick={start} disabled={starting} data-testid="device-translate">
            {t('openlink.translate.translateOnDevice')}
          </button>
        )
      ) : null}
    </div>
  );
}
