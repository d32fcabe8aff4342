import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Friend, Me, PublicProfile } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconAddPerson, IconPencil, IconPerson, IconQr, IconSearch } from '../../ui/Icons';
import { IconButton, PageHeader } from '../../ui/PageHeader';
import { PersonRow } from '../../ui/PersonRow';
import { SearchBar } from '../../ui/SearchBar';
import { SkeletonRows } from '../../ui/Spinner';
import { SplitPlaceholder, SplitView } from '../../ui/SplitView';
import { useDebounced } from '../../ui/useDebounced';
import { useWide } from '../../ui/useWide';
import { MyProfileSheet, useMe } from '../accounts';
import { AddedMeSection } from './AddedMeSection';
import { AddFriendSheet } from './AddFriendSheet';
import { useAddedMe, useFriends } from './api';
import { FriendProfileSheet, type Relation } from './FriendProfileSheet';
import { MyQrSheet } from './MyQrSheet';
import { profileParts } from './profile';

type Open =
  | { kind: 'add' }
  | { kind: 'qr' }
  | { kind: 'me' }
  | { kind: 'person'; person: PublicProfile; relation: Relation }
  | null;

export function FriendsPage() {
  const { UpcomingEvents, NoticesBell } = profileParts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  const friends = useFriends({ q: query });
  const addedMe = useAddedMe();
  const [open, setOpen] = useState<Open>(null);
  const searching = query !== '';

  const wide = useWide();
  const openFriend = (friend: Friend) => setOpen({ kind: 'person', person: friend.user, relation: { kind: 'friend', friend } });
  const list = friends.data ?? [];
  const favourites = list.filter((f) => f.favourite);

  const person = open?.kind === 'person' ? open : null;
  const profile = person ? (
    <FriendProfileSheet key={person.person.id} person={person.person} relation={person.relation} onClose={() => setOpen(null)} inline={wide} />
  ) : null;

  const page = (
    <div className="page">
      <PageHeader
        title={t('friends.title')}
        large
        actions={
          <>
            {me.data ? <NoticesBell /> : null}
            <IconButton label={t('friends.myQr')} onClick={() => setOpen({ kind: 'qr' })} testId="my-qr-open" disabled={!me.data}>
              <IconQr />
            </IconButton>
            <IconButton label={t('friends.addFriend')} onClick={() => setOpen({ kind: 'add' })} testId="add-friend-open" disabled={!me.data}>
              <IconAddPerson />
            </IconButton>
          </>
        }
      />
      <SearchBar
        value={search}
        onChange={setSearch}
        placeholder={t('friends.searchPlaceholder')}
        maxLength={40}
        testId="friend-search"
        clearLabel={t('friends.clearSearch')}
      />
      <div className="page-body">
        {!searching && me.data ? (
          <MyProfileRow me={me.data} onOpen={() => void navigate(`/profiles/${me.data.id}`)} onEdit={() => setOpen({ kind: 'me' })} />
        ) : null}

        {!searching && me.data ? <UpcomingEvents /> : null}

        {!searching && addedMe.data ? (
          <AddedMeSection people={addedMe.data} onOpen={(person) => setOpen({ kind: 'person', person, relation: { kind: 'stranger' } })} />
        ) : null}

        {friends.isPending ? (
          <SkeletonRows count={6} />
        ) : friends.isError && !friends.data ? (
          <ErrorState error={friends.error} onRetry={() => void friends.refetch()} />
        ) : searching ? (
          list.length === 0 ? (
            <EmptyState icon={<IconSearch size={32} />} title={t('friends.noResults', { query })} />
          ) : (
            <section className="list-section" aria-label={t('friends.searchResults')}>
              <h2 className="section-title">
                {t('friends.searchResults')} <span className="section-count">{list.length}</span>
              </h2>
              <FriendList friends={list} onOpen={openFriend} />
            </section>
          )
        ) : list.length === 0 ? (
          <EmptyState
            icon={<IconPerson size={32} />}
            title={t('friends.emptyTitle')}
            body={t('friends.emptyBody')}
            action={
              <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'add' })} disabled={!me.data}>
                <IconAddPerson size={18} />
                {t('friends.addFriend')}
              </button>
            }
          />
        ) : (
          <>
            {favourites.length > 0 ? (
              <section className="list-section" aria-labelledby="favourites-heading" data-testid="favourites-section">
                <h2 className="section-title" id="favourites-heading">
                  {t('friends.favourites')} <span className="section-count">{favourites.length}</span>
                </h2>
                <FriendList friends={favourites} onOpen={openFriend} testId="favourite-row" />
              </section>
            ) : null}
            <section className="list-section" aria-labelledby="friends-heading" data-testid="friends-section">
              <h2 className="section-title" id="friends-heading">
                {t('friends.friendsSection')} <span className="section-count" data-testid="friend-count">{list.length}</span>
              </h2>
              <FriendList friends={list} onOpen={openFriend} />
            </section>
          </>
        )}
      </div>

      {open?.kind === 'add' && me.data ? <AddFriendSheet me={me.data} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'qr' && me.data ? <MyQrSheet me={me.data} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'me' && me.data ? (
        <MyProfileSheet me={me.data} onClose={() => setOpen(null)} onShowQr={() => setOpen({ kind: 'qr' })} />
      ) : null}
      {wide ? null : profile}
    </div>
  );
  if (!wide) return page;
  // On a wide screen the profile opens beside the list, which stays as it was.
  return (
    <SplitView
      list={page}
      detail={profile ?? <SplitPlaceholder icon={<IconPerson size={40} />} title={t('friends.pickFriend')} />}
      testId="friends-split"
    />
  );
}

function FriendList({ friends, onOpen, testId = 'friend-row' }: { friends: Friend[]; onOpen: (f: Friend) => void; testId?: string }) {
  return (
    <ul className="list">
      {friends.map((friend) => (
        <PersonRow key={friend.user.id} person={friend.user} onOpen={() => onOpen(friend)} testId={testId} />
      ))}
    </ul>
  );
}

/** My own row: it opens my profile space; the pencil beside it edits my name, picture and status. */
function MyProfileRow({ me, onOpen, onEdit }: { me: Me; onOpen: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="my-profile-line">
      <button type="button" className="my-profile-row" onClick={onOpen} data-testid="my-space-open" title={t('friends.mySpaceHint')}>
        <Avatar name={me.displayName} url={me.avatarUrl} seed={me.id} size={60} />
        <span className="row-text">
          <span className="row-title my-profile-name">{me.displayName}</span>
          <span className="row-subtitle">{me.statusMessage || t('profile.noStatus')}</span>
        </span>
      </button>
      <IconButton label={t('profile.editTitle')} onClick={onEdit} testId="my-profile-open">
        <IconPencil size={20} />
      </IconButton>
    </div>
  );
}
