import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { PublicProfile } from '@maum/protocol';
import { readRecipients } from '../../ui/recipients';
import { useFriends } from '../friends';

/** The friends the shop is choosing a gift for, from the address; changing them replaces the address. */
export function useRecipients() {
  const [params, setParams] = useSearchParams();
  const ids = useMemo(() => readRecipients(params), [params]);
  const friends = useFriends();
  const people = useMemo(() => {
    const list = friends.data ?? [];
    return ids.map((id) => list.find((f) => f.user.id === id)?.user).filter((p): p is PublicProfile => !!p);
  }, [ids, friends.data]);
  const setIds = useCallback(
    (next: readonly string[]) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          if (next.length > 0) copy.set('to', next.join(','));
          else copy.delete('to');
          return copy;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { ids, people, friends: friends.data, setIds };
}
