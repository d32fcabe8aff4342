import type { ComponentType } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRooms } from '../features/chat';
import { IconChat, IconMore, IconOpenLink, IconPerson, IconShop } from '../ui/Icons';

type TabIcon = ComponentType<{ size?: number; filled?: boolean }>;

const tabs: { path: string; key: 'friends' | 'chats' | 'openlink' | 'shop' | 'more'; Icon: TabIcon }[] = [
  { path: '/friends', key: 'friends', Icon: IconPerson },
  { path: '/chats', key: 'chats', Icon: IconChat },
  { path: '/openlink', key: 'openlink', Icon: IconOpenLink },
  { path: '/shop', key: 'shop', Icon: IconShop },
  { path: '/more', key: 'more', Icon: IconMore },
];

export function TabShell() {
  const { t } = useTranslation();
  const rooms = useRooms();
  const unread = rooms.data?.reduce((sum, room) => sum + room.unread, 0) ?? 0;
  return (
    <div className="tab-shell">
      <main className="tab-content">
        <Outlet />
      </main>
      <nav className="tab-bar" aria-label={t('common.appName')}>
        {tabs.map(({ path, key, Icon }) => (
          <NavLink key={key} to={path} end className="tab" data-testid={`tab-${key}`}>
            {({ isActive }) => (
              <>
                <span className="tab-icon">
                  <Icon size={26} filled={isActive} />
                  {key === 'chats' && unread > 0 ? (
                    <span className="tab-badge" data-testid="tab-unread">
                      {unread > 999 ? '999+' : unread}
                    </span>
                  ) : null}
                </span>
                <span className="tab-label">{t(`tabs.${key}`)}</span>
              </>
            )}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
