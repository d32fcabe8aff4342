import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OpenRoom } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { IconPerson } from '../../ui/Icons';
import { count } from './format';
import { languageName } from './translation';
import './openlink.css';

export function JoinModeBadge({ mode }: { mode: OpenRoom['joinMode'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${mode === 'open' ? 'badge-plain' : 'badge-yellow'}`} data-testid="join-mode" data-mode={mode}>
      {t(`openlink.joinModes.${mode}`)}
    </span>
  );
}

export function TagLinks({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <div className="open-tags">
      {tags.map((tag) => (
        <Link key={tag} to={`/openlink/tags/${encodeURIComponent(tag)}`} className="open-tag" data-testid="room-tag" data-tag={tag}>
          #{tag}
        </Link>
      ))}
    </div>
  );
}

/** Languages as the reader's language names them, the reader's own first. */
export function LanguageList({ languages }: { languages: readonly string[] }) {
  const lang = currentLanguage();
  const sorted = [...languages].sort((a, b) => (a === lang ? -1 : b === lang ? 1 : 0));
  return (
    <span className="open-langs" data-testid="room-languages">
      {sorted.map((code) => languageName(code, lang)).join(' · ')}
    </span>
  );
}

/** A room in a list: what it is about, in which languages, how full, how to get in; its tags lead to more like it. */
export function RoomCard({ room }: { room: OpenRoom }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className="open-card" data-testid="open-room-card" data-room-id={room.id} data-name={room.name}>
      <Link to={`/openlink/rooms/${room.id}`} className="open-card-main">
        <Avatar name={room.name} url={room.coverUrl} seed={room.id} size={52} className="open-cover" />
        <span className="open-card-text">
          <span className="open-card-name">{room.name}</span>
          {room.description ? <span className="open-card-description">{room.description}</span> : null}
          <span className="open-card-meta">
            {room.format === 'one_to_one' ? (
              <span className="badge badge-plain" data-testid="room-format" data-format={room.format}>
                {t('openlink.formats.one_to_one')}
              </span>
            ) : (
              <span className="open-card-members">
                <IconPerson size={13} />
                <span aria-hidden="true">
                  {count(room.memberCount, lang)}/{count(room.memberCap, lang)}
                </span>
                <span className="sr-only">{t('openlink.card.membersLabel', { count: room.memberCount, cap: count(room.memberCap, lang) })}</span>
              </span>
            )}
            <LanguageList languages={room.languages} />
            <JoinModeBadge mode={room.joinMode} />
          </span>
        </span>
      </Link>
      <TagLinks tags={room.tags} />
    </li>
  );
}

export function RoomCards({ rooms, testId }: { rooms: readonly OpenRoom[]; testId: string }) {
  return (
    <ul className="open-cards" data-testid={testId}>
      {rooms.map((room) => (
        <RoomCard key={room.id} room={room} />
      ))}
    </ul>
  );
}
