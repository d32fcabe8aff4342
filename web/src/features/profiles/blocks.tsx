import type { ReactNode } from 'react';
import { acceptedImages, usePictureUpload } from './usePictureUpload';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MAX_PROFILE_PHOTOS, type Audience, type ProfileBlock, type ProfileEvent, type ProfilePhoto, type ProfileSpace } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconCheck, IconChevronRight, IconGift, IconPlay, IconPlus, IconTrash } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { useNow } from '../../ui/useNow';
import { ProductImage, productPath, useWishlist } from '../gifts';
import { useAddPhoto, useGuestbook, usePhotoUrl, useRemovePhoto } from './api';
import { EventKindIcon } from './art';
import { AudienceBadge } from './Audience';
import { CelebrateBar } from './Celebrate';
import { fadesInHours } from './format';
import { Guestbook } from './Guestbook';
import { DayTag, EventDay } from './parts';

export type OwnerSheet = 'decorate' | 'feeling' | 'events';

interface BlockProps {
  space: ProfileSpace;
  owner: boolean;
  onOpen: (sheet: OwnerSheet) => void;
}

/** One block of a space, as its kind draws it. */
export function SpaceBlock({ block, ...props }: BlockProps & { block: ProfileBlock }) {
  switch (block.kind) {
    case 'feeling':
      return <FeelingBlock block={block} {...props} />;
    case 'events':
      return <EventsBlock block={block} {...props} />;
    case 'guestbook':
      return <GuestbookBlock block={block} {...props} />;
    case 'wishlist':
      return <WishlistBlock block={block} {...props} />;
    case 'music':
      return <MusicBlock block={block} {...props} />;
    case 'photos':
      return <PhotosBlock block={block} {...props} />;
    case 'certificates':
      return <CertificatesBlock block={block} {...props} />;
  }
}

function Frame({ kind, title, audience, action, children }: { kind: string; title: ReactNode; audience: Audience | null; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-block" data-testid="space-block" data-kind={kind}>
      <header className="space-block-head">
        <h2 className="space-block-title">{title}</h2>
        <AudienceBadge audience={audience} />
        {action ? <span className="space-block-action">{action}</span> : null}
      </header>
      {children}
    </section>
  );
}

type BlockOf<K extends ProfileBlock['kind']> = Extract<ProfileBlock, { kind: K }>;

function FeelingBlock({ block, owner, onOpen }: BlockProps & { block: BlockOf<'feeling'> }) {
  const { t } = useTranslation();
  const now = useNow();
  const feeling = block.feeling;
  const hours = feeling ? fadesInHours(feeling.fadesAt, now) : null;
  return (
    <Frame
      kind="feeling"
      title={t('profiles.blocks.feeling')}
      audience={block.audience}
      action={
        owner ? (
          <button type="button" className="btn-link" onClick={() => onOpen('feeling')} data-testid="feeling-open">
            {feeling ? t('profiles.feeling.change') : t('profiles.feeling.share')}
          </button>
        ) : null
      }
    >
      {feeling ? (
        <div className="feeling" data-testid="feeling">
          <span className="feeling-emoji" data-testid="feeling-emoji">
            {feeling.emoji}
          </span>
          <span className="feeling-text" data-testid="feeling-text">
            {feeling.text}
          </span>
          {owner ? (
            <span className="feeling-fade muted" data-testid="feeling-fade">
              {hours === null ? t('profiles.feeling.pinned') : t('profiles.feeling.fadesIn', { count: hours })}
            </span>
          ) : null}
        </div>
      ) : (
        <p className="block-empty">{owner ? t('profiles.feeling.emptyOwner') : t('profiles.feeling.empty')}</p>
      )}
    </Frame>
  );
}

function EventsBlock({ block, space, owner, onOpen }: BlockProps & { block: BlockOf<'events'> }) {
  const { t } = useTranslation();
  return (
    <Frame
      kind="events"
      title={t('profiles.blocks.events')}
      audience={block.audience}
      action={
        owner ? (
          <button type="button" className="btn-link" onClick={() => onOpen('events')} data-testid="events-open">
            {t('profiles.events.manage')}
          </button>
        ) : null
      }
    >
      {block.events.length === 0 ? (
        <p className="block-empty">{owner ? t('profiles.events.emptyOwner') : t('profiles.events.empty')}</p>
      ) : (
        <ul className="event-list">
          {block.events.map((event) => (
            <EventRow key={event.id} event={event} ownerId={space.owner.id} owner={owner} />
          ))}
        </ul>
      )}
    </Frame>
  );
}

function EventRow({ event, ownerId, owner }: { event: ProfileEvent; ownerId: string; owner: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="event-row" data-testid="space-event" data-event-id={event.id} data-kind={event.kind}>
      <div className="event-row-head">
        <span className={`event-icon event-${event.kind}`}>
          <EventKindIcon kind={event.kind} />
        </span>
        <span className="row-text">
          <span className="row-title" data-testid="space-event-title">
            {event.title}
          </span>
          <span className="row-subtitle">
            <EventDay event={event} />
            {event.giftsAllowed ? null : ` · ${t('profiles.events.noGiftsShort')}`}
          </span>
          {event.audience ? (
            <span className="event-audience">
              <AudienceBadge audience={event.audience} />
            </span>
          ) : null}
        </span>
        <DayTag days={event.daysUntil} />
      </div>
      <CelebrateBar ownerId={ownerId} eventId={event.id} celebrations={event.celebrations} owner={owner} />
      <Link to={`/profiles/${ownerId}/events/${event.id}`} className="event-wall-link" data-testid="space-event-wall">
        {t('profiles.events.openWall')}
        <IconChevronRight size={16} />
      </Link>
    </li>
  );
}

function GuestbookBlock({ block, space, owner }: BlockProps & { block: BlockOf<'guestbook'> }) {
  const { t } = useTranslation();
  const entries = useGuestbook(space.owner.id, null);
  return (
    <Frame
      kind="guestbook"
      title={
        <>
          {t('profiles.blocks.guestbook')} <span className="section-count" data-testid="guestbook-count">{block.count}</span>
        </>
      }
      audience={block.audience}
    >
      {entries.data ? <Guestbook ownerId={space.owner.id} owner={owner} entries={entries.data} /> : <ErrorMessage error={entries.error} />}
    </Frame>
  );
}

function WishlistBlock({ block, space, owner }: BlockProps & { block: BlockOf<'wishlist'> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const navigate = useNavigate();
  const wishes = useWishlist(space.owner.id);
  return (
    <Frame
      kind="wishlist"
      title={t('profiles.blocks.wishlist')}
      audience={block.audience}
      action={
        owner ? (
          <Link to="/shop" className="btn-link">
            {t('profiles.wishlist.addMore')}
          </Link>
        ) : null
      }
    >
      {wishes.isError ? (
        <p className="block-empty">{t('profiles.wishlist.hidden')}</p>
      ) : !wishes.data ? null : wishes.data.length === 0 ? (
        <p className="block-empty">{owner ? t('profiles.wishlist.emptyOwner') : t('profiles.wishlist.empty')}</p>
      ) : (
        <ul className="wish-list" data-testid="space-wishlist">
          {wishes.data.map((product) => (
            <li key={product.id} className="wish-row" data-testid="space-wish" data-product-name={product.name}>
              <ProductImage product={product} className="wish-image" />
              <span className="row-text">
                <span className="product-brand">{product.brand.name}</span>
                <span className="product-name">{product.name}</span>
                <span className="product-price">{formatMoney(product.price, lang)}</span>
              </span>
              {owner ? null : (
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => void navigate(productPath(product.id, [space.owner.id]))}
                  data-testid="space-wish-gift"
                >
                  <IconGift size={16} />
                  {t('profiles.wishlist.gift')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

function MusicBlock({ block, owner, onOpen }: BlockProps & { block: BlockOf<'music'> }) {
  const { t } = useTranslation();
  return (
    <Frame
      kind="music"
      title={t('profiles.blocks.music')}
      audience={block.audience}
      action={
        owner ? (
          <button type="button" className="btn-link" onClick={() => onOpen('decorate')}>
            {t('profiles.music.change')}
          </button>
        ) : null
      }
    >
      {block.music ? (
        <a className="music-link" href={block.music.url} target="_blank" rel="noopener noreferrer nofollow" data-testid="space-music">
          <span className="music-icon">
            <IconPlay size={18} />
          </span>
          <span className="row-text">
            <span className="row-title">{block.music.title}</span>
            <span className="row-subtitle">{hostOf(block.music.url)}</span>
          </span>
        </a>
      ) : (
        <p className="block-empty">{t('profiles.music.empty')}</p>
      )}
    </Frame>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}


function PhotosBlock({ block, space, owner }: BlockProps & { block: BlockOf<'photos'> }) {
  const { t } = useTranslation();
  const ownerId = space.owner.id;
  const add = useAddPhoto(ownerId);
  const remove = useRemovePhoto(ownerId);
  const { input, progress, choose, open } = usePictureUpload((upload, done) => add.mutate(upload, { onSettled: done }));

  const full = block.photos.length >= MAX_PROFILE_PHOTOS;
  return (
    <Frame
      kind="photos"
      title={
        <>
          {t('profiles.blocks.photos')} <span className="section-count">{block.photos.length}</span>
        </>
      }
      audience={block.audience}
    >
      {block.photos.length === 0 && !owner ? <p className="block-empty">{t('profiles.photos.empty')}</p> : null}
      <ul className="photo-strip" data-testid="space-photos">
        {block.photos.map((photo) => (
          <PhotoTile key={photo.id} ownerId={ownerId} photo={photo} onRemove={owner ? () => remove.mutate(photo.id) : undefined} />
        ))}
        {owner && !full ? (
          <li>
            <button type="button" className="photo-add" onClick={open} disabled={progress !== null} data-testid="photo-add">
              {progress !== null ? (
                <span className="upload-progress" data-testid="photo-progress">
                  {Math.round(progress * 100)}%
                </span>
              ) : (
                <>
                  <IconPlus size={22} />
                  <span>{t('profiles.photos.add')}</span>
                </>
              )}
            </button>
          </li>
        ) : null}
      </ul>
      {owner ? (
        <input ref={input} type="file" accept={acceptedImages} className="sr-only" onChange={choose} tabIndex={-1} data-testid="photo-file" />
      ) : null}
      <ErrorMessage error={add.error ?? remove.error} />
    </Frame>
  );
}

function PhotoTile({ ownerId, photo, onRemove }: { ownerId: string; photo: ProfilePhoto; onRemove: (() => void) | undefined }) {
  const { t } = useTranslation();
  const url = usePhotoUrl(ownerId, photo.id);
  return (
    <li className="photo-tile" data-testid="space-photo" style={{ aspectRatio: `${photo.width} / ${photo.height}` }}>
      {url ? <img src={url} alt="" decoding="async" /> : <span className="photo-placeholder" />}
      {onRemove ? (
        <button type="button" className="photo-remove icon-btn" onClick={onRemove} aria-label={t('profiles.photos.remove')} data-testid="photo-remove">
          <IconTrash size={16} />
        </button>
      ) : null}
    </li>
  );
}

function CertificatesBlock({ block }: BlockProps & { block: BlockOf<'certificates'> }) {
  const { t } = useTranslation();
  return (
    <Frame kind="certificates" title={t('profiles.blocks.certificates')} audience={block.audience}>
      {block.certificates.length === 0 ? (
        <p className="block-empty">{t('profiles.certificates.empty')}</p>
      ) : (
        <ul className="list">
          {block.certificates.map((cert) => (
            <li key={cert.certId}>
              <Link to={`/verify/${cert.certId}`} className="row cert-row" data-testid="space-certificate">
                <span className="cert-thumb">{cert.imageUrl ? <img src={cert.imageUrl} alt="" loading="lazy" /> : <IconCheck size={20} />}</span>
                <span className="row-text">
                  <span className="row-title">{cert.productName}</span>
                  <span className="row-subtitle">{t('profiles.certificates.serial', { serial: cert.serial })}</span>
                </span>
                <IconChevronRight size={18} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}
