import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TIERS_PER_ROOM, type RoomSubscriptions, type SubscriptionTier } from '@maum/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useToast } from '../../ui/Toast';
import { useChangeTier, useCreateTier, useSetSubscribersOnly } from './api';
import { TierCard } from './TierCard';
import { TierForm } from './TierForm';
import { tierChanges } from './tiers';
import './subscriptions.css';

/** The host's tiers: whether the room is for subscribers only, each tier with its changes, and a new one (up to 3). */
export function TiersPanel({ data }: { data: RoomSubscriptions }) {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateTier(data.roomId);
  // A new form after each tier added, so its fields start empty.
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="sub-panel" data-testid="host-tiers">
      <SubscribersOnlyToggle data={data} />
      <ul className="sub-tiers">
        {data.tiers.map((tier) => (
          <HostTier key={tier.id} roomId={data.roomId} tier={tier} />
        ))}
      </ul>
      {data.tiers.length < MAX_TIERS_PER_ROOM ? (
        <section className="sub-new-tier" data-testid="host-tier-new">
          <h4 className="sub-subtitle">{t('subscriptions.host.newTier')}</h4>
          <TierForm
            key={formKey}
            initial={{ name: '', price: '', perks: '' }}
            editing={false}
            pending={create.isPending}
            error={create.error}
            submitLabel={t('subscriptions.host.create')}
            onSubmit={(input) =>
              create.mutate(input, {
                onSuccess: (tier) => {
                  toast(t('subscriptions.host.createdToast', { name: tier.name }));
                  setFormKey((k) => k + 1);
                },
              })
            }
          />
        </section>
      ) : (
        <p className="field-hint" data-testid="host-tier-limit">
          {t('subscriptions.host.limit', { max: MAX_TIERS_PER_ROOM })}
        </p>
      )}
    </div>
  );
}

function SubscribersOnlyToggle({ data }: { data: RoomSubscriptions }) {
  const { t } = useTranslation();
  const save = useSetSubscribersOnly(data.roomId);
  return (
    <div className="sub-toggle">
      <label className="toggle-row">
        <input
          type="checkbox"
          checked={save.isPending && save.variables !== undefined ? save.variables : data.subscribersOnly}
          disabled={save.isPending}
          onChange={(e) => save.mutate(e.target.checked)}
          data-testid="subscribers-only"
        />
        <span>{t('subscriptions.host.subscribersOnly')}</span>
      </label>
      <p className="field-hint">{t('subscriptions.host.subscribersOnlyHint')}</p>
      <ErrorMessage error={save.error} />
    </div>
  );
}

function HostTier({ roomId, tier }: { roomId: string; tier: SubscriptionTier }) {
  const { t } = useTranslation();
  const toast = useToast();
  const change = useChangeTier(roomId);
  const [editing, setEditing] = useState(false);
  const announced = tier.nextPrice?.price.amount ?? tier.price.amount;
  const toggleClosed = () =>
    change.mutate(
      { tier, change: { closed: !tier.closed } },
      { onSuccess: (after) => toast(t(after.closed ? 'subscriptions.host.closedToast' : 'subscriptions.host.reopenedToast', { name: after.name })) },
    );
  return (
    <TierCard tier={tier}>
      <div className="sub-host-tier" data-testid="host-tier" data-tier-name={tier.name}>
        {editing ? (
          <TierForm
            initial={{ name: tier.name, price: String(announced), perks: tier.perks }}
            editing
            pending={change.isPending}
            error={change.error}
            submitLabel={t('subscriptions.host.save')}
            onSubmit={(input) => {
              const diff = tierChanges(tier, input);
              if (Object.keys(diff).length === 0) return setEditing(false);
              change.mutate(
                { tier, change: diff },
                {
                  onSuccess: () => {
                    toast(t('subscriptions.host.savedToast'));
                    setEditing(false);
                  },
                },
              );
            }}
          />
        ) : (
          <div className="sub-host-actions">
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(true)} data-testid="host-tier-edit">
              {t('subscriptions.host.edit')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={toggleClosed} disabled={change.isPending} data-testid="host-tier-close" data-closed={tier.closed}>
              {tier.closed ? t('subscriptions.host.reopen') : t('subscriptions.host.close')}
            </button>
          </div>
        )}
        {!editing ? <ErrorMessage error={change.error} /> : null}
      </div>
    </TierCard>
  );
}
