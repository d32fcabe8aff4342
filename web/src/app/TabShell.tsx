import type { ComponentType } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRooms } from '../features/chat';
import { IconChat, IconMore, IconOpenLink, IconPerson, IconShop } from '../ui/Icons';
import { useWide } from '../ui/useWide';

type TabIcon = ComponentType<{ size?: number; filled?: boolean }>;

const tabs: { path: string; key: 'friends' | 'chats' | 'openlink' | 'shop' | 'more'; Icon: TabIcon }[] = [
  { path: '/friends', key: 'friends', Icon: IconPerson },
  { path: '/chats', key: 'chats', Icon: IconChat },
  { path: '/openlink', key: 'openlink', Icon: IconOpenLink },
  { path: '/shop', key: 'shop', Icon: IconShop },
  { path: '/more', key: 'more', Icon: IconMore },
];

/**
 * The frame of every signed-in page. On a phone the tab bar shows on the five tabs' first screens, and any other page
 * has the whole screen; on a wide screen the tabs are a side rail beside every page.
 */
export function TabShell() {
  const wide = useWide();
  const { pathname } = useLocation();
  const atTab = tabs.some((tab) => tab.path === pathname);
  if (!wide && !atTab) return <Outlet />;
  return (
    <div className={`tab-shell ${wide ? 'is-wide' : ''}`}>
      <main className="tab-content">
        <Outlet />
      </main>
      <TabBar wide={wide} />
    </div>
  );
}

function TabBar({ wide }: { wide: boolean }) {
  const { t } = useTranslation();
  const rooms = useRooms();
  const unread = rooms.data?.reduce((sum, room) => sum + room.unread, 0) ?? 0;
  return (
    <nav className={wide ? 'tab-bar tab-rail' : 'tab-bar'} aria-label={t('common.appName')}>
      {tabs.map(({ path, key, Icon }) => (
        // On a wide screen a tab stays lit on the pages under it (a room under Chats).
        <NavLink key={key} to={path} end={!wide} className="tab" data-testid={`tab-${key}`}>
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
  );
}
