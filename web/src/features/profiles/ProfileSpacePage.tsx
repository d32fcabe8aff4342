import { useState, type CSSProperties, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { UserId, type ProfileSpace } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { Avatar } from '../../ui/Avatar';
import { saveHref } from '../../ui/download';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconBell, IconDownload, IconEye, IconGift, IconPencil, IconPerson, IconSettings, IconStar } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { withRecipients } from '../../ui/recipients';
import { FullScreenSpinner } from '../../ui/Spinner';
import { downloadSpace, useFollow, useSpace } from './api';
import { SpaceBlock, type OwnerSheet } from './blocks';
import { SpaceCover } from './Cover';
import { DecorateSheet } from './DecorateSheet';
import { EventsSheet } from './EventsSheet';
import { FeelingSheet } from './FeelingSheet';
import { ListsSheet } from './ListsSheet';
import './profiles.css';

/** A person's profile space at `/profiles/:userId`: theirs to decorate, everyone else's to visit. */
export function ProfileSpacePage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  if (!UserId.safeParse(userId).success) {
    return (
      <div className="page">
        <PageHeader title={t('profiles.title')} back="/friends" />
        <EmptyState title={t('profiles.missing')} />
      </div>
    );
  }
  return <Space key={userId} userId={userId} />;
}

function Space({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const space = useSpace(userId);
  if (space.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (space.isError) {
    const missing = isApiError(space.error) && space.error.code === 'not_found';
    return (
      <div className="page">
        <PageHeader title={t('profiles.title')} back="/friends" />
        {missing ? <EmptyState icon={<IconPerson size={32} />} title={t('profiles.missing')} /> : <ErrorState error={space.error} onRetry={() => void space.refetch()} />}
      </div>
    );
  }
  return <SpaceView space={space.data} />;
}

/** The space's background: its colour under one of the patterns drawn in profiles.css. */
function backgroundStyle(space: Pick<ProfileSpace, 'background'>): CSSProperties {
  return { '--space-colour': space.background.colour } as CSSProperties;
}

type Open = OwnerSheet | 'lists' | null;

function SpaceView({ space }: { space: ProfileSpace }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const owner = space.relation === 'owner';
  const [open, setOpen] = useState<Open>(null);
  const [exporting, setExporting] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const person = space.owner;

  const exportSpace = () => {
    setExporting({ pending: true, error: null });
    downloadSpace(saveHref).then(
      () => setExporting({ pending: false, error: null }),
      (error: unknown) => setExporting({ pending: false, error }),
    );
  };

  return (
    <div className="page space-page" data-testid="space-page" data-owner={owner} data-relation={space.relation}>
      <PageHeader
        title={owner ? t('profiles.mySpace') : t('profiles.spaceOf', { name: person.displayName })}
        back="/friends"
        actions={
          owner ? (
            <button type="button" className="icon-btn" onClick={() => void navigate('/profile/notices')} aria-label={t('profiles.notices.title')} data-testid="space-notices">
              <IconBell />
            </button>
          ) : null
        }
      />
      <div className={`space-body pattern-${space.background.pattern}`} style={backgroundStyle(space)} data-pattern={space.background.pattern} data-colour={space.background.colour}>
        <SpaceCover cover={space.cover} stickers={space.stickers} />
        <div className="space-head">
          <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} size={84} className="space-avatar" />
          <h2 className="space-name" data-testid="space-name">
            {person.displayName}
          </h2>
          {person.statusMessage ? <p className="space-status">{person.statusMessage}</p> : null}
          {space.visitors ? (
            <p className="space-visitors" data-testid="space-visitors" data-today={space.visitors.today} data-total={space.visitors.total}>
              <IconEye size={14} />
              {t('profiles.visitors', { today: space.visitors.today, total: space.visitors.total })}
              {owner && !space.showVisitors ? <span className="muted"> · {t('profiles.visitorsHidden')}</span> : null}
            </p>
          ) : null}
          {owner ? (
            <div className="space-actions">
              <SpaceAction icon={<IconPencil size={18} />} label={t('profiles.decorate.open')} onClick={() => setOpen('decorate')} testId="decorate-open" />
              <SpaceAction icon={<IconStar size={18} />} label={t('profiles.feeling.title')} onClick={() => setOpen('feeling')} testId="space-feeling-open" />
              <SpaceAction icon={<IconGift size={18} />} label={t('profiles.events.title')} onClick={() => setOpen('events')} testId="space-events-open" />
              <SpaceAction icon={<IconSettings size={18} />} label={t('profiles.lists.title')} onClick={() => setOpen('lists')} testId="lists-open" />
              <SpaceAction
                icon={<IconDownload size={18} />}
                label={exporting.pending ? t('profiles.export.pending') : t('profiles.export.open')}
                onClick={exportSpace}
                disabled={exporting.pending}
                testId="space-export"
              />
            </div>
          ) : (
            <VisitorActions space={space} />
          )}
          <ErrorMessage error={exporting.error} />
        </div>

        <div className="space-blocks">
          {space.blocks.length === 0 ? (
            <p className="block-empty space-empty">{owner ? t('profiles.emptyOwner') : t('profiles.empty')}</p>
          ) : (
            space.blocks.map((block) => <SpaceBlock key={block.kind} block={block} space={space} owner={owner} onOpen={setOpen} />)
          )}
        </div>
      </div>

      {open === 'decorate' ? <DecorateSheet space={space} onClose={() => setOpen(null)} /> : null}
      {open === 'feeling' ? <FeelingSheet space={space} onClose={() => setOpen(null)} /> : null}
      {open === 'events' ? <EventsSheet space={space} onClose={() => setOpen(null)} /> : null}
      {open === 'lists' ? <ListsSheet ownerId={person.id} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function SpaceAction({ icon, label, onClick, disabled, testId }: { icon: ReactNode; label: string; onClick: () => void; disabled?: boolean; testId: string }) {
  return (
    <button type="button" className="space-action" onClick={onClick} disabled={disabled} data-testid={testId}>
      <span className="space-action-icon">{icon}</span>
      <span className="space-action-label">{label}</span>
    </button>
  );
}

function VisitorActions({ space }: { space: ProfileSpace }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const follow = useFollow(space.owner.id);
  const following = space.followingEvents;
  return (
    <>
      <div className="space-actions">
        <button
          type="button"
          className={`btn btn-small ${following ? 'btn-dark' : 'btn-secondary'}`}
          aria-pressed={following}
          disabled={follow.isPending}
          onClick={() => follow.mutate(!following)}
          data-testid="space-follow"
        >
          <IconBell size={16} />
          {following ? t('profiles.follow.on') : t('profiles.follow.off')}
        </button>
        <button type="button" className="btn btn-primary btn-small" onClick={() => void navigate(withRecipients('/shop', [space.owner.id]))} data-testid="space-gift">
          <IconGift size={16} />
          {t('profiles.sendGift')}
        </button>
      </div>
      {following ? <p className="field-hint center">{t('profiles.follow.hint', { name: space.owner.displayName })}</p> : null}
      <ErrorMessage error={follow.error} />
    </>
  );
}
