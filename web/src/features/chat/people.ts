import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProfile } from '@maum/protocol';
import { useMe } from '../accounts';
import { useFriends } from '../friends';

// People seen in any room this session, so that someone who has left can still be named in old messages.
const seen = new Map<string, PublicProfile>();

export function rememberPeople(people: Iterable<PublicProfile>): void {
  for (const person of people) seen.set(person.id, person);
}

export interface People {
  get(userId: string): PublicProfile | undefined;
  name(userId: string): string;
}

/** Looks people up among the given ones, friends, yourself, and anyone met earlier in this session. */
export function usePeople(people: readonly PublicProfile[] | undefined): People {
  const { t } = useTranslation();
  const me = useMe().data;
  const friends = useFriends().data;
  return useMemo(() => {
    const map = new Map(seen);
    for (const friend of friends ?? []) map.set(friend.user.id, friend.user);
    for (const person of people ?? []) map.set(person.id, person);
    if (me) map.set(me.id, me);
    return {
      get: (userId) => map.get(userId),
      name: (userId) => map.get(userId)?.displayName ?? t('chat.unknownPerson'),
    };
  }, [people, friends, me, t]);
}
