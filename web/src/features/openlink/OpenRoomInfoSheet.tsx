import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OpenMember, Room } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import {
  IconAddPerson,
  IconBook,
  IconChevronRight,
  IconClock,
  IconFlag,
  IconPencil,
  IconQr,
  IconSearch,
  IconSettings,
  IconStar,
  IconWallet,
} from '../../ui/Icons';
import { ConfirmDialog, Sheet } from '../../ui/Sheet';
import { SkeletonRows } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { LeaveRoomButton } from '../chat';
import { HostConsoleSheet, SubscriberPostsSheet, useBadges, useRoomSubscriptions } from '../subscriptions';
import { useLeaveOpenRoom, useMembers, useOpenRoom } from './api';
import { answersRequests, count, may, moderates } from './format';
import { GlossarySheet } from './GlossarySheet';
import { MemberRow, MemberSheet } from './MemberSheet';
import { ModerationLogSheet } from './ModerationLogSheet';
import { NicknameSheet } from './NicknameSheet';
import { ReportsSheet } from './ReportsSheet';
import { RequestsSheet } from './RequestsSheet';
import { SettingsSheet } from './SettingsSheet';
import { ShareSheet } from './ShareSheet';
import './openlink.css';

type Panel =
  | 'share'
  | 'nickname'
  | 'log'
  | 'settings'
  | 'requests'
  | 'reports'
  | 'glossary'
  | 'posts'
  | 'subscriptions'
  | 'leave'
  | { member: OpenMember }
  | null;

/** An open room's drawer: its members, its link, the moderation log, subscriber posts, and the hosts' tools. */
export function OpenRoomInfoSheet({ room: chatRoom, onSearch, onClose }: { room: Room; onSearch: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const navigate = useNavigate();
  const roomId = chatRoom.id;
  const openRoom = useOpenRoom(roomId, { fresh: true });
  const members = useMembers(roomId);
  const subs = useRoomSubscriptions(roomId).data;
  const badges = useBadges(roomId).data;
  const leave = useLeaveOpenRoom(roomId);
  const [panel, setPanel] = useState<Panel>(null);
  const room = openRoom.data;
  const me = members.data?.find((m) => m.id === chatRoom.selfId);
  const close = () => setPanel(null);

  return (
    <Sheet onClose={onClose} title={t('chat.roomInfo')} size="full" testId="room-info">
      {room ? (
        <div className="open-info-head">
          <h3 className="open-info-name">{room.name}</h3>
          {room.description ? <p className="open-info-description">{room.description}</p> : null}
          <p className="open-info-meta">{t('openlink.card.members', { count: room.memberCount, cap: count(room.memberCap, lang) })}</p>
        </div>
      ) : openRoom.isError ? (
        <ErrorState error={openRoom.error} onRetry={() => void openRoom.refetch()} />
      ) : null}
      <ul className="room-actions">
        <ActionRow icon={<IconSearch size={20} />} label={t('chat.searchMessages')} onClick={onSearch} testId="room-search" />
        <ActionRow icon={<IconQr size={20} />} label={t('openlink.share.title')} onClick={() => setPanel('share')} testId="open-share" />
        {/* A main profile's name and picture are the account's own, changed in the profile. */}
        {me?.profile === 'open' ? <ActionRow icon={<IconPencil size={20} />} label={t('openlink.nickname.title')} onClick={() => setPanel('nickname')} testId="open-nickname" /> : null}
        <ActionRow icon={<IconClock size={20} />} label={t('openlink.log.title')} onClick={() => setPanel('log')} testId="open-moderation-log" />
        {subs && (subs.tiers.length > 0 || subs.manages) ? (
          <ActionRow icon={<IconStar size={20} />} label={t('subscriptions.posts.title')} onClick={() => setPanel('posts')} testId="open-subscriber-posts" />
        ) : null}
        {subs && subs.tiers.length > 0 && !subs.manages ? (
          <ActionRow
            icon={<IconWallet size={20} />}
            label={t('subscriptions.section')}
            value={subs.mine ? t(`subscriptions.status.${subs.mine.status}`) : undefined}
            onClick={() => void navigate(`/openlink/rooms/${roomId}#subscriptions`)}
            testId="open-subscription"
          />
        ) : null}
      </ul>
      {room && moderates(room) ? (
        <>
          <h3 className="section-title">{t('openlink.moderation.section')}</h3>
          <ul className="room-actions">
            {may(room, 'settings') ? (
              <ActionRow icon={<IconSettings size={20} />} label={t('openlink.settings.title')} onClick={() => setPanel('settings')} testId="open-settings" />
            ) : null}
            {answersRequests(room) ? (
              <ActionRow icon={<IconAddPerson size={20} />} label={t('openlink.requests.title')} onClick={() => setPanel('requests')} testId="open-requests" />
            ) : null}
            <ActionRow icon={<IconFlag size={20} />} label={t('openlink.reports.title')} onClick={() => setPanel('reports')} testId="open-reports" />
            {subs?.manages ? (
              <ActionRow icon={<IconWallet size={20} />} label={t('subscriptions.host.open')} onClick={() => setPanel('subscriptions')} testId="open-subscriptions-host" />
            ) : null}
            {may(room, 'settings') ? (
              <ActionRow icon={<IconBook size={20} />} label={t('openlink.glossary.title')} onClick={() => setPanel('glossary')} testId="open-glossary" />
            ) : null}
          </ul>
        </>
      ) : null}
      <h3 className="section-title">
        {t('chat.members')} <span className="section-count">{members.data?.length ?? chatRoom.members.length}</span>
      </h3>
      {members.isPending ? (
        <SkeletonRows count={4} />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <ul className="list" data-testid="open-members">
          {sortMembers(members.data, chatRoom.selfId).map((member) => (
            <MemberRow key={member.id} member={member} me={member.id === chatRoom.selfId} badge={badges?.get(member.id)} onOpen={() => setPanel({ member })} />
          ))}
        </ul>
      )}
      <LeaveRoomButton onLeave={() => setPanel('leave')} />

      {panel === 'share' && room ? <ShareSheet room={room} onClose={close} /> : null}
      {panel === 'nickname' ? <NicknameSheet roomId={roomId} current={me} onClose={close} /> : null}
      {panel === 'log' ? <ModerationLogSheet roomId={roomId} onClose={close} /> : null}
      {panel === 'settings' && room ? <SettingsSheet room={room} onClose={close} /> : null}
      {panel === 'requests' ? <RequestsSheet roomId={roomId} onClose={close} /> : null}
      {panel === 'reports' ? <ReportsSheet roomId={roomId} onClose={close} /> : null}
      {panel === 'glossary' && room ? <GlossarySheet room={room} onClose={close} /> : null}
      {panel === 'posts' ? (
        <SubscriberPostsSheet roomId={roomId} onSubscribe={() => void navigate(`/openlink/rooms/${roomId}#subscriptions`)} onClose={close} />
      ) : null}
      {panel === 'subscriptions' ? <HostConsoleSheet roomId={roomId} onClose={close} /> : null}
      {panel && typeof panel === 'object' && room ? (
        <MemberSheet room={room} member={panel.member} me={panel.member.id === chatRoom.selfId} onClose={close} />
      ) : null}
      {panel === 'leave' ? (
        <ConfirmDialog
          message={t('openlink.leaveConfirm')}
          detail={room?.role === 'host' ? t('openlink.leaveHostDetail') : t('openlink.leaveDetail')}
          confirmLabel={t('chat.leave')}
          danger
          pending={leave.isPending}
          error={<ErrorMessage error={leave.error} />}
          onCancel={close}
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
    </Sheet>
  );
}

const rank = { host: 0, cohost: 1, member: 2 } as const;

/** You first, then the host and co-hosts, then everyone by name. */
function sortMembers(members: readonly OpenMember[] | undefined, selfId: string): OpenMember[] {
  return [...(members ?? [])].sort((a, b) =>
    a.id === selfId ? -1 : b.id === selfId ? 1 : rank[a.role] - rank[b.role] || a.displayName.localeCompare(b.displayName),
  );
}

export function ActionRow({ icon, label, onClick, testId, value }: { icon: ReactNode; label: string; onClick: () => void; testId: string; value?: string }) {
  return (
    <li>
      <button type="button" className="settings-row settings-button" onClick={onClick} data-testid={testId}>
        <span className="settings-icon">{icon}</span>
        <span className="settings-label">{label}</span>
        {value ? <span className="settings-value">{value}</span> : null}
        <IconChevronRight size={18} className="settings-chevron" />
      </button>
    </li>
  );
}
