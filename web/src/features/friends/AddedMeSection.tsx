import type { PublicProfile } from '@maum/protocol';
import { useTranslation } from 'react-i18next';
import { PersonRow } from '../../ui/PersonRow';
import { useAddFriend } from './api';
import { RowActionButton } from './RowActionButton';

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
  const add = useAddFriend();
  return (
    <RowActionButton
      request={add}
      variables={{ handle: person.handle }}
      label={t('friends.addBack')}
      doneText={t('friends.addedToast', { name: person.displayName })}
      testId="added-me-add"
      primary
      ariaLabel={`${t('friends.addBack')} ${person.displayName}`}
    />
  );
}
