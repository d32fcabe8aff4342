import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DELETE_WINDOW_MS, RoomId, type Media, type Message } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { chat } from '../../realtime';
import { copyText } from '../../ui/clipboard';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconBack, IconChat, IconGift, IconMenu, IconSearch } from '../../ui/Icons';
import { IconButton } from '../../ui/PageHeader';
import { Spinner } from '../../ui/Spinner';
import { withRecipients } from '../../ui/recipients';
import { ConfirmDialog } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useMe } from '../accounts';
import { chatKeys, useDeleteMessage, useLeave, useRoom, useToggleReaction } from './api';
import { Composer, useSendFiles } from './Composer';
import { FriendPickerSheet } from './FriendPickerSheet';
import { roomName } from './format';
import { useTimeline } from './hooks';
import { ImageViewer } from './ImageViewer';
import { MessageList } from './MessageList';
import { MessageMenu } from './MessageMenu';
import { MessageTextContext, openRoomParts, SenderBadgeContext, type OpenRoomParts } from './openRoom';
import { rememberPeople, usePeople } from './people';
import { RenameSheet, RoomInfoSheet, SearchSheet, type RoomAction } from './RoomSheets';
import { strangers } from './timeline';
import './chat.css';

// three.js is large, and only a 360° photo needs it: the viewer comes in its own file, fetched when one is opened.
const PanoramaViewer = lazy(() => import('./PanoramaViewer'));

export function RoomPage() {
  const { roomId = '' } = useParams();
  if (!RoomId.safeParse(roomId).success) return <RoomMissing />;
  return <Room key={roomId} roomId={roomId} />;
}

function useGoBack() {
  const navigate = useNavigate();
  return useCallback(() => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate('/chats', { replace: true });
  }, [navigate]);
}

function RoomMissing({ error }: { error?: unknown }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page">
      <div className="page-body fullscreen-center">
        <EmptyState
          icon={<IconChat size={32} />}
          title={t('chat.roomMissing')}
          body={error && isApiError(error) && error.code !== 'not_found' && error.code !== 'forbidden' ? errorText(t, error) : undefined}
          action={
            <button type="button" className="btn btn-primary" onClick={() => void navigate('/chats', { replace: true })}>
              {t('chat.backToChats')}
            </button>
          }
        />
      </div>
    </div>
  );
}

type Panel = RoomAction | 'info' | null;

function Room({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const goBack = useGoBack();
  const navigate = useNavigate();
  const room = useRoom(roomId);
  const me = useMe().data;
  // Who "me" is in this room's messages: in an open room a member id of its own, never the account id.
  const meId = room.data?.selfId ?? (me ? (chat.selfIn(roomId) ?? me.id) : null);
  const parts = room.data?.kind === 'open' ? openRoomParts() : null;
  // In a subscribers-only room, a member whose subscription ended reads up to then and takes no part until they pay.
  const accessEnded = room.data?.accessEndedAt != null;
  const composer = useComposerNote(parts, roomId, accessEnded);
  const timeline = useTimeline(roomId);
  const members = useMemo(() => room.data?.members.map((m) => m.user), [room.data]);
  const people = usePeople(members);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [menu, setMenu] = useState<{ message: Message; canDelete: boolean } | null>(null);
  const [viewing, setViewing] = useState<Message | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [focus, setFocus] = useState<{ seq: number; nonce: number } | null>(null);
  const remove = useDeleteMessage(roomId);
  const { mutate: toggleReaction } = useToggleReaction(roomId);
  const leave = useLeave(roomId);

  useEffect(() => chat.openRoom(roomId), [roomId]);
  const drop = useFileDrop(roomId, composer.disabled);
  useNewcomers(roomId, room.data, timeline.messages);
  useEffect(() => {
    if (!room.data) return;
    chat.learnSelf(roomId, room.data.selfId);
    chat.setMembers(roomId, room.data.members);
    rememberPeople(room.data.members.map((m) => m.user));
  }, [room.data, roomId]);

  const jumpTo = useCallback(
    (seq: number) => {
      void chat.reach(roomId, seq).then((found) => {
        if (found) setFocus({ seq, nonce: Date.now() });
        else toast(t('chat.jumpFailed'));
      });
    },
    [roomId, toast, t],
  );

  const onMenu = useCallback(
    (message: Message) => {
      const age = Date.now() - Date.parse(message.createdAt);
      setMenu({ message, canDelete: message.senderId === meId && !message.deletedAt && age < DELETE_WINDOW_MS });
    },
    [meId],
  );

  const onReact = useCallback(
    (message: Message, emoji: string, on: boolean) => {
      toggleReaction({ seq: message.seq, emoji, on }, { onError: (error) => toast(errorText(t, error)) });
    },
    [toggleReaction, toast, t],
  );

  if (room.isError && !room.data) {
    if (isApiError(room.error) && (room.error.code === 'not_found' || room.error.code === 'forbidden' || room.error.status === 400)) {
      return <RoomMissing error={room.error} />;
    }
    return (
      <div className="page">
        <div className="page-body fullscreen-center">
          <ErrorState error={room.error} onRetry={() => void room.refetch()} />
        </div>
      </div>
    );
  }
  // Until the room itself arrives the conversation is already drawn from what the client holds.
  const data = room.data;
  const others = data ? data.members.filter((m) => m.user.id !== meId).map((m) => m.user) : [];
  const name = data ? roomName(t, data, others) : '';
  const group = data ? data.kind !== 'direct' : false;

  const copy = (message: Message) => {
    const text = typeof message.body.text === 'string' ? message.body.text : typeof message.body.caption === 'string' ? message.body.caption : '';
    if (!text) return null;
    return () => {
      setMenu(null);
      void copyText(text).then((ok) => toast(ok ? t('chat.copied') : t('errors.unknown')));
    };
  };

  return (
    <div className={`room-page ${drop.over ? 'is-drop-target' : ''}`} {...drop.handlers} data-testid="room-page">
      {drop.over ? (
        <div className="room-drop" data-testid="room-drop">
          <span className="room-drop-label">{t('chat.dropToSend')}</span>
        </div>
      ) : null}
      <header className="room-header">
        <button type="button" className="icon-btn room-back" onClick={goBack} aria-label={t('common.back')} data-testid="room-back">
          <IconBack />
        </button>
        <h1 className="room-heading">
          <span className="room-title" data-testid="room-title">
            {name}
          </span>
          {data && group ? <span className="room-count">{data.members.length}</span> : null}
        </h1>
        <div className="room-header-actions">
          {data?.kind === 'direct' && others[0] ? (
            <IconButton label={t('gifts.sendGift')} onClick={() => void navigate(withRecipients('/shop', [others[0]!.id]))} testId="room-gift">
              <IconGift />
            </IconButton>
          ) : null}
          <IconButton label={t('chat.searchMessages')} onClick={() => setPanel('search')} testId="room-search-open">
            <IconSearch />
          </IconButton>
          <IconButton label={t('chat.roomMenu')} onClick={() => setPanel('info')} testId="room-menu" disabled={!data}>
            <IconMenu />
          </IconButton>
        </div>
      </header>

      {parts ? <parts.Banner roomId={roomId} messages={timeline.messages} accessEnded={accessEnded} /> : null}

      <MessageTextContext.Provider value={parts?.Text ?? null}>
        <SenderBadgeContext.Provider value={parts?.senderBadge ?? null}>
          <MessageList
            roomId={roomId}
            timeline={timeline}
            meId={meId}
            people={people}
            focus={focus}
            onMenu={onMenu}
            onOpenImage={setViewing}
            onQuote={jumpTo}
            onReact={onReact}
          />
        </SenderBadgeContext.Provider>
      </MessageTextContext.Provider>

      <Composer
        key={roomId}
        roomId={roomId}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        people={people}
        meId={meId}
        disabled={composer.disabled}
        note={composer.note}
      />

      {menu ? (
        <MessageMenu
          message={menu.message}
          people={people}
          meId={meId}
          canDelete={menu.canDelete}
          onClose={() => setMenu(null)}
          onReply={() => {
            setReplyTo(menu.message);
            setMenu(null);
            requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="composer-input"]')?.focus());
          }}
          onReact={(emoji, on) => {
            onReact(menu.message, emoji, on);
            setMenu(null);
          }}
          onCopy={copy(menu.message)}
          onDelete={() => {
            const { seq } = menu.message;
            setMenu(null);
            remove.mutate(seq, {
              onSuccess: () => toast(t('chat.deletedToast')),
              onError: (error) => toast(errorText(t, error)),
            });
          }}
          extra={
            parts ? (
              <parts.MessageActions roomId={roomId} message={menu.message} mine={menu.message.senderId === meId} onDone={() => setMenu(null)} />
            ) : null
          }
        />
      ) : null}
      {viewing && (viewing.body.media as Media | undefined)?.panorama === true ? (
        <Suspense
          fallback={
            <div className="overlay viewer viewer-loading">
              <Spinner size={32} label={t('common.loading')} />
            </div>
          }
        >
          <PanoramaViewer message={viewing} people={people} onClose={() => setViewing(null)} />
        </Suspense>
      ) : viewing ? (
        <ImageViewer message={viewing} people={people} onClose={() => setViewing(null)} />
      ) : null}
      {panel === 'info' && data && parts ? <parts.InfoSheet room={data} onSearch={() => setPanel('search')} onClose={() => setPanel(null)} /> : null}
      {panel === 'info' && data && !parts ? (
        <RoomInfoSheet
          room={data}
          meId={meId}
          onClose={() => setPanel(null)}
          onAction={(action) => setPanel(action)}
        />
      ) : null}
      {panel === 'search' ? (
        <SearchSheet
          roomId={roomId}
          people={people}
          onClose={() => setPanel(null)}
          onPick={(message) => {
            setPanel(null);
            jumpTo(message.seq);
          }}
        />
      ) : null}
      {panel === 'invite' && data ? (
        <FriendPickerSheet mode="invite" roomId={roomId} memberIds={data.members.map((m) => m.user.id)} onClose={() => setPanel(null)} />
      ) : null}
      {panel === 'rename' && data ? <RenameSheet room={data} onClose={() => setPanel(null)} /> : null}
      {panel === 'leave' ? (
        <ConfirmDialog
          message={t('chat.leaveConfirm')}
          detail={t('chat.leaveDetail')}
          confirmLabel={t('chat.leave')}
          danger
          pending={leave.isPending}
          error={<ErrorMessage error={leave.error} />}
          onCancel={() => setPanel(null)}
          onConfirm={() =>
            leave.mutate(undefined, {
              onSuccess: () => {
                toast(t('chat.leftToast'));
                void navigate('/chats', { replace: true });
              },
            })
          }
        />
      ) : null}
    </div>
  );
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * Files dropped anywhere on the room, or an image pasted while nothing else takes the paste (the composer handles
 * its own), are sent through the composer's path for media.
 */
function useFileDrop(roomId: string, disabled: boolean) {
  const sendFiles = useSendFiles(roomId);
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed; the count says when the pointer has really left.
  const depth = useRef(0);

  useEffect(() => {
    if (disabled) return;
    const onPaste = (event: globalThis.ClipboardEvent) => {
      if (event.defaultPrevented || document.body.classList.contains('overlay-open')) return;
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      sendFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [disabled, sendFiles]);

  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (disabled || !hasFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setOver(true);
    },
    onDragOver: (event: DragEvent) => {
      if (disabled || !hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (event: DragEvent) => {
      depth.current = 0;
      setOver(false);
      if (disabled || !hasFiles(event)) return;
      event.preventDefault();
      sendFiles(Array.from(event.dataTransfer.files));
    },
  };
  return { over, handlers };
}

const openNot = { disabled: false, note: null };
const noNote = () => openNot;

/** An open room's rule for the composer. The parts are registered once at start, so the same hook runs on every render. */
function useComposerNote(parts: OpenRoomParts | null, roomId: string, accessEnded: boolean): { disabled: boolean; note: string | null } {
  const useNote = openRoomParts()?.useComposerNote ?? noNote;
  return useNote(roomId, parts !== null, accessEnded);
}

/** Asks for the room again when its messages name someone its member list does not hold (once for each of them). */
function useNewcomers(roomId: string, room: { members: readonly { user: { id: string } }[] } | undefined, messages: readonly Message[]): void {
  const queryClient = useQueryClient();
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!room) return;
    const known = new Set(room.members.map((m) => m.user.id));
    const unknown = strangers(messages, known).filter((id) => !asked.current.has(id));
    if (unknown.length === 0) return;
    for (const id of unknown) asked.current.add(id);
    void queryClient.invalidateQueries({ queryKey: chatKeys.room(roomId) });
  }, [roomId, room, messages, queryClient]);
}
