import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cohostRights, type CohostRight, type OpenMember, type OpenRoom } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { IconBlock, IconFlag, IconLogout, IconShield } from '../../ui/Icons';
import { ConfirmDialog, Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { TierBadge } from '../subscriptions';
import { useBan, useKick, useMakeCohost, useRemoveCohost } from './api';
import { may } from './format';
import { ReportSheet } from './ReportSheet';
import { languageName } from './translation';

export function RoleBadge({ role }: { role: OpenMember['role'] }) {
  const { t } = useTranslation();
  if (role === 'member') return null;
  return (
    <span className={`badge ${role === 'host' ? 'badge-yellow' : 'badge-plain'}`} data-testid="member-role">
      {t(`openlink.roles.${role}`)}
    </span>
  );
}

/** A member in the room's list: their name, their place, a subscriber's badge (`badge`: the tier's name), and you. */
export function MemberRow({ member, me, badge, onOpen }: { member: OpenMember; me: boolean; badge?: string | undefined; onOpen: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className="row person-row member-row" data-testid="open-member" data-member-id={member.id} data-name={member.displayName}>
      <button type="button" className="row-main" onClick={onOpen}>
        <Avatar name={member.displayName} url={member.avatarUrl} seed={member.id} size={40} />
        <span className="row-text">
          <span className="row-title">
            <span className="row-name">{member.displayName}</span>
            <RoleBadge role={member.role} />
            {badge ? <TierBadge tier={badge} /> : null}
            {me ? <span className="badge badge-me">{t('common.you')}</span> : null}
          </span>
          <span className="row-subtitle">{t('openlink.members.reads', { language: languageName(member.lang, lang) })}</span>
        </span>
      </button>
    </li>
  );
}

type Confirming = 'kick' | 'ban' | 'uncohost' | 'rights' | 'report' | null;

/** One member, and what the caller may do about them: report them, and as a host or co-host, take them out. */
export function MemberSheet({ room, member, me, onClose }: { room: OpenRoom; member: OpenMember; me: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const kick = useKick(room.id);
  const ban = useBan(room.id);
  const removeCohost = useRemoveCohost(room.id);
  const [open, setOpen] = useState<Confirming>(null);
  const isHost = room.role === 'host';
  const target = member.role !== 'host' && !me;
  const canKick = target && may(room, 'kick') && (isHost || member.role === 'member');
  const canBan = target && may(room, 'ban') && (isHost || member.role === 'member');
  const done = (text: string) => () => {
    toast(text);
    onClose();
  };

  return (
    <Sheet onClose={onClose} title={member.displayName} testId="member-sheet">
      <div className="open-member-head">
        <Avatar name={member.displayName} url={member.avatarUrl} seed={member.id} size={64} />
        <p className="open-member-name">
          {member.displayName} <RoleBadge role={member.role} />
        </p>
        <p className="muted">
          {t(member.profile === 'open' ? 'openlink.members.openProfile' : 'openlink.members.mainProfile')} ·{' '}
          {t('openlink.members.reads', { language: languageName(member.lang, lang) })}
        </p>
      </div>
      <ul className="menu-actions open-member-actions">
        {!me ? (
          <li>
            <button type="button" className="menu-action" onClick={() => setOpen('report')} data-testid="member-report">
              <IconFlag size={20} />
              {t('openlink.report.memberTitle')}
            </button>
          </li>
        ) : null}
        {isHost && target ? (
          <li>
            <button type="button" className="menu-action" onClick={() => setOpen('rights')} data-testid="member-cohost">
              <IconShield size={20} />
              {member.role === 'cohost' ? t('openlink.members.changeRights') : t('openlink.members.makeCohost')}
            </button>
          </li>
        ) : null}
        {isHost && member.role === 'cohost' ? (
          <li>
            <button type="button" className="menu-action" onClick={() => setOpen('uncohost')} data-testid="member-uncohost">
              <IconShield size={20} />
              {t('openlink.members.removeCohost')}
            </button>
          </li>
        ) : null}
        {canKick ? (
          <li>
            <button type="button" className="menu-action is-danger" onClick={() => setOpen('kick')} data-testid="member-kick">
              <IconLogout size={20} />
              {t('openlink.members.kick')}
            </button>
          </li>
        ) : null}
        {canBan ? (
          <li>
            <button type="button" className="menu-action is-danger" onClick={() => setOpen('ban')} data-testid="member-ban">
              <IconBlock size={20} />
              {t('openlink.members.ban')}
            </button>
          </li>
        ) : null}
      </ul>

      {open === 'report' ? <ReportSheet roomId={room.id} memberId={member.id} onClose={() => setOpen(null)} onDone={onClose} /> : null}
      {open === 'rights' ? <RightsSheet room={room} member={member} onClose={() => setOpen(null)} onDone={onClose} /> : null}
      {open === 'kick' ? (
        <ConfirmDialog
          message={t('openlink.members.kickConfirm', { name: member.displayName })}
          detail={t('openlink.members.kickDetail')}
          confirmLabel={t('openlink.members.kick')}
          danger
          pending={kick.isPending}
          error={<ErrorMessage error={kick.error} />}
          onCancel={() => setOpen(null)}
          onConfirm={() => kick.mutate({ memberId: member.id }, { onSuccess: done(t('openlink.members.kickedToast', { name: member.displayName })) })}
        />
      ) : null}
      {open === 'ban' ? (
        <ConfirmDialog
          message={t('openlink.members.banConfirm', { name: member.displayName })}
          detail={t('openlink.members.banDetail')}
          confirmLabel={t('openlink.members.ban')}
          danger
          pending={ban.isPending}
          error={<ErrorMessage error={ban.error} />}
          onCancel={() => setOpen(null)}
          onConfirm={() => ban.mutate({ memberId: member.id }, { onSuccess: done(t('openlink.members.bannedToast', { name: member.displayName })) })}
        />
      ) : null}
      {open === 'uncohost' ? (
        <ConfirmDialog
          message={t('openlink.members.removeCohostConfirm', { name: member.displayName })}
          confirmLabel={t('openlink.members.removeCohost')}
          pending={removeCohost.isPending}
          error={<ErrorMessage error={removeCohost.error} />}
          onCancel={() => setOpen(null)}
          onConfirm={() => removeCohost.mutate(member.id, { onSuccess: done(t('openlink.members.cohostRemovedToast')) })}
        />
      ) : null}
    </Sheet>
  );
}

/** The host makes a member a co-host with the rights they choose, or changes a co-host's rights. */
function RightsSheet({ room, member, onClose, onDone }: { room: OpenRoom; member: OpenMember; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const make = useMakeCohost(room.id);
  // A co-host's form starts from the rights they have; a new one from hiding and taking people out.
  const [rights, setRights] = useState<CohostRight[]>(member.role === 'cohost' ? member.rights : ['hide', 'kick']);
  const flip = (right: CohostRight, on: boolean) => setRights((list) => (on ? [...list, right] : list.filter((r) => r !== right)));
  return (
    <Sheet onClose={onClose} title={t('openlink.members.rightsTitle', { name: member.displayName })} testId="rights-sheet">
      <div className="sheet-form">
        {cohostRights.map((right) => (
          <label key={right} className="toggle-row">
            <input type="checkbox" checked={rights.includes(right)} onChange={(e) => flip(right, e.target.checked)} data-testid="cohost-right" data-right={right} />
            <span>{t(`openlink.rights.${right}`)}</span>
          </label>
        ))}
        <ErrorMessage error={make.error} />
        <button
          type="button"
          className="btn btn-primary btn-block"
          disabled={make.isPending}
          aria-busy={make.isPending}
          onClick={() =>
            make.mutate(
              { memberId: member.id, rights },
              {
                onSuccess: () => {
                  toast(t('openlink.members.cohostToast', { name: member.displayName }));
                  onClose();
                  onDone();
                },
              },
            )
          }
          data-testid="cohost-save"
        >
          {t('common.save')}
        </button>
      </div>
    </Sheet>
  );
}
