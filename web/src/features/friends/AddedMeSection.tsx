import type { PublicProfile } from '@maum/protocol';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errors';
import { PersonRow } from '../../ui/PersonRow';
import { useToast } from '../../ui/Toast';
import { useAddFriend } from './api';

/** People who added the signed-in person, offered for adding back. */
export function AddedMeSection({ people, onOpen }: { people: PublicProfile[]; onOpen: (person: PublicProfile) => void }) {
  const { t } = useTranslation();
  if (people.length === 0) return null;
  return (
    <section className="list-section" aria-labelledby="added-me-heading" data-testid="added-me-section">
      <h2 className="section-title" id="added-me-heading">
        {t('friends.addedMe')} <span className="section-count">{people.length}</span>
      </h2>
      <p className="section-hint">{t('friends.addedMeHint')}</p>
      <ul className="list">
        {people.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            onOpen={() => onOpen(person)}
            testId="added-me-row"
            trailing={<AddBackButton person={person} />}
          />
        ))}
      </ul>
    </section>
  );
}

function AddBackButton({ person }: { person: PublicProfile }) {
  const { t } = useTranslation();
  const toast = useToast();
  const add = useAddFriend();
  return (
    <button
      type="button"
      className="btn btn-primary btn-small"
      disabled={add.isPending}
      aria-busy={add.isPending}
      aria-label={`${t('friends.addBack')} ${person.displayName}`}
      data-testid="added-me-add"
      onClick={() =>
        add.mutate(
          { handle: person.handle },
          {
            onSuccess: () => toast(t('friends.addedToast', { name: person.displayName })),
            onError: (error) => toast(errorText(t, error)),
          },
        )
      }
    >
      {t('friends.addBack')}
    </button>
  );
}
