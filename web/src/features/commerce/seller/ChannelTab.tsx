import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { channelCategories, type Channel, type ChannelCategory } from '@maum/protocol';
import { Avatar } from '../../../ui/Avatar';
import { ErrorMessage, ErrorState } from '../../../ui/ErrorMessage';
import { Spinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { useChannelHome } from '../api';
import { useAddStaff, useChannelPicture, useSaveChannel, useStaff } from './api';
import { TextArea, TextField } from './fields';
import { useSeller } from './SellerLayout';
import '../commerce.css';

export function ChannelTab() {
  const seller = useSeller();
  const { t } = useTranslation();
  if (!seller.channelId) {
    return (
      <div className="store-console">
        <section className="store-card">
          <h2 className="store-card-title">{t('commerce.seller.createChannel')}</h2>
          <p className="muted">{t('commerce.seller.createChannelIntro')}</p>
          <ChannelForm channel={null} />
        </section>
      </div>
    );
  }
  return <ExistingChannel channelId={seller.channelId} />;
}

function ExistingChannel({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const home = useChannelHome(channelId);
  if (home.isPending) return <Spinner size={28} label={t('common.loading')} />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  const channel = home.data.channel;
  return (
    <div className="store-console">
      <section className="store-card">
        <div className="order-head">
          <h2 className="store-card-title">{t('commerce.seller.tabs.channel')}</h2>
          <Link to={`/channels/${channel.id}`} className="btn btn-secondary btn-small" data-testid="seller-view-channel">
            {t('commerce.seller.viewChannel')}
          </Link>
        </div>
        <p className="muted">{t('commerce.channel.followers', { count: channel.followers })}</p>
        <Pictures channel={channel} />
        <ChannelForm key={`${channel.name}|${channel.description}|${channel.category}`} channel={channel} />
      </section>
      <StaffCard />
    </div>
  );
}

function ChannelForm({ channel }: { channel: Channel | null }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSaveChannel();
  const [name, setName] = useState(channel?.name ?? '');
  const [description, setDescription] = useState(channel?.description ?? '');
  const [category, setCategory] = useState<ChannelCategory>(channel?.category ?? 'other');
  const [nameMissing, setNameMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setNameMissing(false);
    save.mutate({ name: name.trim(), description: description.trim(), category }, { onSuccess: () => toast(t('commerce.seller.channelSaved')) });
  };

  return (
    <form className="seller-form" onSubmit={submit} noValidate>
      <TextField label={t('commerce.seller.channelName')} value={name} onChange={setName} maxLength={40} invalid={nameMissing ? t('commerce.seller.invalid.channelName') : null} testId="channel-name-input" />
      <TextArea label={t('commerce.seller.channelDescription')} value={description} onChange={setDescription} maxLength={500} testId="channel-description-input" />
      <label className="field">
        <span className="field-label">{t('commerce.channels.category')}</span>
        <select className="select" value={category} onChange={(e) => setCategory(e.target.value as ChannelCategory)} data-testid="channel-category-input">
          {channelCategories.map((c) => (
            <option key={c} value={c}>
              {t(`commerce.category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={save.error} />
      <button type="submit" className="btn btn-primary btn-large" disabled={save.isPending} aria-busy={save.isPending} data-testid="channel-save">
        {channel ? t('common.save') : t('commerce.seller.createChannel')}
      </button>
    </form>
  );
}

function Pictures({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const picture = useChannelPicture();
  const pick = (kind: 'profile' | 'cover') => (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) picture.mutate({ picture: kind, file });
  };
  return (
    <div className="seller-pictures">
      <div className="channel-cover seller-cover" style={channel.coverUrl ? { backgroundImage: `url("${channel.coverUrl}")` } : undefined} />
      <Avatar name={channel.name} url={channel.profileUrl} seed={channel.id} size={64} />
      <div className="empty-actions">
        <label className="btn btn-secondary btn-small">
          {t('commerce.seller.uploadProfile')}
          <input type="file" accept="image/*" className="sr-only" onChange={pick('profile')} data-testid="channel-profile-file" />
        </label>
        <label className="btn btn-secondary btn-small">
          {t('commerce.seller.uploadCover')}
          <input type="file" accept="image/*" className="sr-only" onChange={pick('cover')} data-testid="channel-cover-file" />
        </label>
      </div>
      {picture.isPending ? <Spinner size={20} label={t('common.saving')} /> : null}
      <ErrorMessage error={picture.error} />
    </div>
  );
}

function StaffCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const add = useAddStaff();
  const staff = useStaff();
  const [handle, setHandle] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const h = handle.trim().replace(/^@/, '');
    if (!h) return;
    add.mutate(h, {
      onSuccess: () => {
        toast(t('commerce.seller.staffAdded', { handle: h }));
        setHandle('');
      },
    });
  };
  return (
    <form className="store-card seller-form" onSubmit={submit}>
      <h2 className="store-card-title">{t('commerce.seller.staff')}</h2>
      <p className="muted">{t('commerce.seller.staffIntro')}</p>
      {staff.data ? (
        <ul className="staff-list" data-testid="staff-list">
          {staff.data.map((person) => (
            <li key={person.id} className="staff-person">
              <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} size={32} />
              <span>{person.displayName}</span>
              <span className="muted">@{person.handle}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <TextField label={t('commerce.seller.staffHandle')} value={handle} onChange={setHandle} maxLength={40} testId="staff-handle" />
      <ErrorMessage error={add.error} />
      <button type="submit" className="btn btn-secondary" disabled={add.isPending} data-testid="staff-add">
        {t('common.add')}
      </button>
    </form>
  );
}
