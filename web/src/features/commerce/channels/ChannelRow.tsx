import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@maum/protocol';
import { Avatar } from '../../../ui/Avatar';
import { IconChevronRight } from '../../../ui/Icons';

export function ChannelRow({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={`/channels/${channel.id}`} className="row channel-row" data-testid="channel-row" data-channel-name={channel.name}>
        <Avatar name={channel.name} url={channel.profileUrl} seed={channel.id} size={48} />
        <span className="row-text">
          <span className="row-title">{channel.name}</span>
          <span className="row-subtitle">
            {t(`commerce.category.${channel.category}`)} · {t('commerce.channel.followers', { count: channel.followers })}
          </span>
        </span>
        {channel.following ? <span className="badge badge-yellow">{t('commerce.channel.added')}</span> : null}
        <IconChevronRight size={18} className="settings-chevron" />
      </Link>
    </li>
  );
}
