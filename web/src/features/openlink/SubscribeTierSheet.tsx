import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OpenRoom, SubscriptionTier } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { useToast } from '../../ui/Toast';
import { SubscribeSheet } from '../subscriptions';
import { useJoin } from './api';
import { EntryCodeField } from './JoinSheet';
import { ProfileChoice, profileFrom, type ProfileDraft } from './ProfileChoice';

/**
 * Subscribing from a room's page: the tier's price, the month it pays for and the wallet, the profile to join as (the
 * main one unless changed), then Pay; once paid, the caller joins the room if not in it yet, and lands in it.
 */
export function SubscribeTierSheet({ room, tier, onClose }: { room: OpenRoom; tier: SubscriptionTier; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const join = useJoin(room.id);
  const [profile, setProfile] = useState<ProfileDraft>({ kind: 'main', nickname: '' });
  const [entryCode, setEntryCode] = useState('');
  const joins = room.role === null && !room.pending;
  const choice = profileFrom(profile);
  const problem = !joins
    ? null
    : !choice
      ? t('subscriptions.confirm.nickname')
      : room.joinMode === 'code' && !entryCode.trim()
        ? t('subscriptions.confirm.entryCode')
        : null;

  const enter = async () => {
    if (!joins) {
      void navigate(`/chats/${room.conversationId ?? room.id}`);
      return;
    }
    const joined = await join.mutateAsync({
      profile: choice ?? { kind: 'main' },
      lang: currentLanguage(),
      entryCode: room.joinMode === 'code' ? entryCode.trim() : undefined,
    });
    if (joined.pending) {
      toast(t('openlink.join.requestedToast'));
      onClose();
    } else {
      void navigate(`/chats/${joined.conversationId ?? joined.id}`);
    }
  };

  return (
    <SubscribeSheet
      roomId={room.id}
      roomName={room.name}
      tier={tier}
      amount={tier.price}
      problem={problem}
      afterPay={enter}
      onPaid={() => toast(t('subscriptions.confirm.subscribedToast', { tier: tier.name }))}
      onClose={onClose}
    >
      {joins ? <ProfileChoice value={profile} onChange={setProfile} /> : null}
      {joins && room.joinMode === 'code' ? (
        <EntryCodeField value={entryCode} onChange={setEntryCode} />
      ) : null}
    </SubscribeSheet>
  );
}
