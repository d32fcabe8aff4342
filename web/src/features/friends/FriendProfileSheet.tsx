import { useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Friend, PublicProfile } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconAddPerson, IconBlock, IconChat, IconClose, IconEye, IconEyeOff, IconGift, IconHome, IconStar, IconTrash } from '../../ui/Icons';
import { withRecipients } from '../../ui/recipients';
import { ConfirmDialog, Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useAddFriend, useBlock, useRemoveFriend, useUnblock, useUpdateFriend } from './api';
import { profileParts } from './profile';

/** How the signed-in person relates to the one on the sheet; decides which actions make sense. */
export type Relation =
  | { kind: 'friend'; friend: Friend }
  | { kind: 'stranger' }
  | { kind: 'blocked' };

interface Props {
  person: PublicProfile;
  relation: Relation;
  onClose: () => void;
  /** Beside the friend list (a wide screen) rather than a sheet over it. */
  inline?: boolean;
}

type Confirm = 'remove' | 'block' | 'hide' | null;

export function FriendProfileSheet({ person, relation: initial, onClose, inline = false }: Props) {
  const { useOpenChat, Wishlist } = profileParts();
  const { t } = useTranslation();
  const toast = useToast();
  const [relation, setRelation] = useState(initial);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const add = useAddFriend();
  const update = useUpdateFriend();
  const remove = useRemoveFriend();
  const block = useBlock();
  const unblock = useUnblock();
  const openDirect = useOpenChat();
  const navigate = useNavigate();
  const name = person.displayName;
  const pending = add.isPending || update.isPending || remove.isPending || block.isPending || unblock.isPending || openDirect.isPending;
  const error = add.error ?? update.error ?? remove.error ?? block.error ?? unblock.error ?? openDirect.error;

  const resetAll = () => {
    openDirect.reset();
    add.reset();
    update.reset();
    remove.reset();
    block.reset();
    unblock.reset();
  };

  const friend = relation.kind === 'friend' ? relation.friend : null;

  const toggleFavourite = () => {
    if (!friend) return;
    resetAll();
    update.mutate(
      { userId: person.id, favourite: !friend.favourite },
      { onSuccess: (next) => setRelation({ kind: 'friend', friend: next }) },
    );
  };

  const setHidden = (hidden: boolean) => {
    resetAll();
    update.mutate(
      { userId: person.id, hidden },
      {
        onSuccess: (next) => {
          setConfirm(null);
          setRelation({ kind: 'friend', friend: next });
          toast(t(hidden ? 'friends.hiddenToast' : 'friends.unhiddenToast', { name }));
          if (hidden) onClose();
        },
      },
    );
  };

  const startChat = () => {
    resetAll();
    openDirect.mutate(person.id, {
      onSuccess: (room) => {
        onClose();
        void navigate(`/chats/${room.id}`);
      },
    });
  };
  const giftAction = (
    <Action
      key="gift"
      label={t('gifts.sendGift')}
      icon={<IconGift />}
      onClick={() => {
        onClose();
        void navigate(withRecipients('/shop', [person.id]));
      }}
      disabled={pending}
      testId="send-gift"
    />
  );
  const chatAction = (
    <Action key="chat" label={t('friends.startChat')} icon={<IconChat />} onClick={startChat} disabled={pending} testId="start-chat" />
  );
  const spaceAction = (
    <Action
      key="space"
      label={t('friends.visitSpace')}
      icon={<IconHome />}
      onClick={() => {
        onClose();
        void navigate(`/profiles/${person.id}`);
      }}
      disabled={pending}
      testId="visit-space"
    />
  );

  const actions: ReactNode[] = [];
  if (relation.kind === 'friend' && friend) {
    actions.push(
      chatAction,
      spaceAction,
      giftAction,
      <Action
        key="fav"
        label={friend.favourite ? t('friends.unfavourite') : t('friends.favourite')}
        icon={<IconStar filled={friend.favourite} />}
        active={friend.favourite}
        onClick={toggleFavourite}
        disabled={pending}
        testId="profile-favourite"
      />,
      friend.hidden ? (
        <Action key="hide" label={t('friends.unhide')} icon={<IconEye />} onClick={() => setHidden(false)} disabled={pending} testId="profile-unhide" />
      ) : (
        <Action
          key="hide"
          label={t('friends.hide')}
          icon={<IconEyeOff />}
          onClick={() => {
            resetAll();
            setConfirm('hide');
          }}
          disabled={pending}
          testId="profile-hide"
        />
      ),
      <Action
        key="block"
        label={t('friends.block')}
        icon={<IconBlock />}
        onClick={() => {
          resetAll();
          setConfirm('block');
        }}
        disabled={pending}
        testId="profile-block"
      />,
      <Action
        key="remove"
        label={t('friends.remove')}
        icon={<IconTrash />}
        onClick={() => {
          resetAll();
          setConfirm('remove');
        }}
        disabled={pending}
        testId="profile-remove"
      />,
    );
  } else if (relation.kind === 'stranger') {
    actions.push(
      chatAction,
      spaceAction,
      <Action
        key="add"
        label={t('friends.addBack')}
        icon={<IconAddPerson />}
        onClick={() => {
          resetAll();
          add.mutate(
            { handle: person.handle },
            {
              onSuccess: (next) => {
                setRelation({ kind: 'friend', friend: next });
                toast(t('friends.addedToast', { name }));
              },
            },
          );
        }}
        disabled={pending}
        testId="profile-add"
      />,
      <Action
        key="block"
        label={t('friends.block')}
        icon={<IconBlock />}
        onClick={() => {
          resetAll();
          setConfirm('block');
        }}
        disabled={pending}
        testId="profile-block"
      />,
    );
  } else {
    actions.push(
      <Action
        key="unblock"
        label={t('friends.unblock')}
        icon={<IconBlock />}
        onClick={() => {
          resetAll();
          unblock.mutate(person.id, {
            onSuccess: () => {
              setRelation({ kind: 'stranger' });
              toast(t('friends.unblockedToast', { name }));
            },
          });
        }}
        disabled={pending}
        testId="profile-unblock"
      />,
    );
  }

  return (
    <ProfileFrame inline={inline} name={name} onClose={onClose}>
      <div className="profile-view">
        <div className="profile-hero">
          <Avatar name={name} url={person.avatarUrl} seed={person.id} size={112} className="profile-avatar" />
          <h2 className="profile-name">
            {name}
            {friend?.favourite ? <IconStar filled size={18} className="profile-star" /> : null}
          </h2>
          <p className="profile-handle">@{person.handle}</p>
          {person.statusMessage ? <p className="profile-status">{person.statusMessage}</p> : null}
          {relation.kind === 'blocked' ? <span className="badge badge-dark">{t('friends.blockedBadge')}</span> : null}
          {relation.kind === 'stranger' ? <span className="badge badge-dark">{t('friends.notAdded')}</span> : null}
        </div>
        <ErrorMessage error={confirm ? null : error} className="on-dark" />
        <div className="profile-actions">{actions}</div>
        {friend ? <Wishlist person={person} /> : null}
      </div>
      {confirm === 'remove' ? (
        <ConfirmDialog
          message={t('friends.confirmRemove', { name })}
          confirmLabel={t('friends.remove')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            remove.mutate(person.id, {
              onSuccess: () => {
                toast(t('friends.removedToast', { name }));
                onClose();
              },
            })
          }
        />
      ) : null}
      {confirm === 'block' ? (
        <ConfirmDialog
          message={t('friends.confirmBlock', { name })}
          detail={t('friends.confirmBlockDetail')}
          confirmLabel={t('friends.block')}
          danger
          pending={block.isPending}
          error={<ErrorMessage error={block.error} />}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            block.mutate(person.id, {
              onSuccess: () => {
                toast(t('friends.blockedToast', { name }));
                onClose();
              },
            })
          }
        />
      ) : null}
      {confirm === 'hide' ? (
        <ConfirmDialog
          message={t('friends.confirmHide', { name })}
          detail={t('friends.confirmHideDetail')}
          confirmLabel={t('friends.hide')}
          pending={update.isPending}
          error={<ErrorMessage error={update.error} />}
          onCancel={() => setConfirm(null)}
          onConfirm={() => setHidden(true)}
        />
      ) : null}
    </ProfileFrame>
  );
}

/** A sheet over the list on a phone; on a wide screen a pane beside it, which leaves the list usable. */
function ProfileFrame({ inline, name, onClose, children }: { inline: boolean; name: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const close = useEffectEvent(onClose);
  // Escape closes the pane as it would the sheet, unless a dialog over it takes the key first.
  useEffect(() => {
    if (!inline) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !document.body.classList.contains('overlay-open')) close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [inline]);
  if (!inline) {
    return (
      <Sheet onClose={onClose} label={name} size="full" tone="dark" testId="friend-profile">
        {children}
      </Sheet>
    );
  }
  return (
    <section className="profile-pane sheet-dark" aria-label={name} data-testid="friend-profile">
      <div className="sheet-header">
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
          <IconClose />
        </button>
      </div>
      <div className="sheet-body">{children}</div>
    </section>
  );
}

function Action({
  label,
  icon,
  onClick,
  disabled,
  active,
  testId,
}: {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  active?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`profile-action ${active ? 'is-active' : ''}`}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={active}
      data-testid={testId}
    >
      <span className="profile-action-icon">{icon}</span>
      <span className="profile-action-label">{label}</span>
    </button>
  );
}
