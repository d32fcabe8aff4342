import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';
import { IconBlock, IconCheck, IconChevronRight, IconDevice, IconEyeOff, IconGlobe, IconInfo, IconLogout, IconShop, IconStar, IconTicket, IconWallet } from '../../ui/Icons';
import { PageHeader } from '../../ui/PageHeader';
import { MyProfileSheet, useLogout, useMe } from '../accounts';
import { LanguageSelect } from './LanguageSelect';
import pkg from '../../../package.json';

export function MorePage() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const [editing, setEditing] = useState(false);

  return (
    <div className="page">
      <PageHeader title={t('more.title')} large />
      <div className="page-body">
        {me.data ? (
          <button type="button" className="more-profile" onClick={() => setEditing(true)} data-testid="more-profile">
            <Avatar name={me.data.displayName} url={me.data.avatarUrl} seed={me.data.id} size={56} />
            <span className="row-text">
              <span className="row-title">{me.data.displayName}</span>
              <span className="row-subtitle">@{me.data.handle}</span>
            </span>
            <span className="more-profile-edit">{t('more.editProfile')}</span>
          </button>
        ) : null}

        <Group title={t('more.giftsAndWallet')}>
          <LinkRow to="/gifts" icon={<IconTicket size={20} />} label={t('gifts.boxTitle')} testId="goto-gift-box" />
          <LinkRow to="/more/wallet" icon={<IconWallet size={20} />} label={t('wallet.title')} testId="goto-wallet" />
          <LinkRow to="/more/subscriptions" icon={<IconStar size={20} />} label={t('subscriptions.title')} testId="goto-subscriptions" />
        </Group>

        <Group title={t('more.shopping')}>
          <LinkRow to="/certificates" icon={<IconCheck size={20} />} label={t('certificates.mineTitle')} testId="goto-certificates" />
          <LinkRow to="/orders" icon={<IconTicket size={20} />} label={t('commerce.orders.title')} testId="goto-orders" />
          <LinkRow to="/channels" icon={<IconStar size={20} />} label={t('commerce.channels.title')} testId="goto-channels" />
          <LinkRow to="/seller" icon={<IconShop size={20} />} label={t('commerce.seller.sellOnMaum')} testId="goto-seller" />
          {me.data?.role === 'operator' ? <LinkRow to="/operator" icon={<IconCheck size={20} />} label={t('commerce.operator.title')} testId="goto-operator" /> : null}
          {me.data?.role === 'operator' ? <LinkRow to="/operator/certificates" icon={<IconCheck size={20} />} label={t('certificates.operator.title')} testId="goto-operator-certificates" /> : null}
        </Group>

        <Group title={t('more.settings')}>
          <li className="settings-row">
            <span className="settings-icon">
              <IconGlobe size={20} />
            </span>
            <label className="settings-label" htmlFor="language">
              {t('more.language')}
            </label>
            <LanguageSelect id="language" />
          </li>
        </Group>

        <Group title={t('more.privacy')}>
          <LinkRow to="/friends/hidden" icon={<IconEyeOff size={20} />} label={t('more.hiddenFriends')} testId="goto-hidden" />
          <LinkRow to="/friends/blocked" icon={<IconBlock size={20} />} label={t('more.blocked')} testId="goto-blocked" />
        </Group>

        <Group title={t('more.account')}>
          <LinkRow to="/more/sessions" icon={<IconDevice size={20} />} label={t('more.devices')} testId="goto-sessions" />
          <li>
            <button
              type="button"
              className="settings-row settings-button is-danger"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
              aria-busy={logout.isPending}
              data-testid="logout"
            >
              <span className="settings-icon">
                <IconLogout size={20} />
              </span>
              <span className="settings-label">{t('more.logout')}</span>
            </button>
          </li>
        </Group>

        <Group title={t('more.about')}>
          <li className="settings-row">
            <span className="settings-icon">
              <IconInfo size={20} />
            </span>
            <span className="settings-label">{t('common.appName')}</span>
            <span className="settings-value">{t('more.version', { version: pkg.version })}</span>
          </li>
        </Group>
      </div>
      {editing && me.data ? <MyProfileSheet me={me.data} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="settings-group">
      <h2 className="section-title">{title}</h2>
      <ul className="settings-list">{children}</ul>
    </section>
  );
}

function LinkRow({ to, icon, label, testId }: { to: string; icon: ReactNode; label: string; testId?: string }) {
  return (
    <li>
      <Link to={to} className="settings-row settings-button" data-testid={testId}>
        <span className="settings-icon">{icon}</span>
        <span className="settings-label">{label}</span>
        <IconChevronRight size={18} className="settings-chevron" />
      </Link>
    </li>
  );
}
