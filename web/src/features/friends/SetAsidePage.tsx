import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { PublicProfile } from '@maum/protocol';
import { ErrorState } from '../../ui/ErrorMessage';
import { PageHeader } from '../../ui/PageHeader';
import { PersonRow } from '../../ui/PersonRow';
import { SkeletonRows } from '../../ui/Spinner';
import { FriendProfileSheet, type Relation } from './FriendProfileSheet';

interface Entry {
  person: PublicProfile;
  /** What the profile sheet opens with when the row is tapped. */
  relation: Relation;
  /** The button at the end of the row that takes the person back. */
  undo: ReactNode;
}

interface Props<T> {
  title: string;
  query: UseQueryResult<T[]>;
  /** Shown when nobody is set aside. */
  empty: ReactNode;
  listTestId: string;
  rowTestId: string;
  entry: (item: T) => Entry;
}

/** A screen under More that lists people set aside (blocked, hidden), each with a way to take them back. */
export function SetAsidePage<T>({ title, query, empty, listTestId, rowTestId, entry }: Props<T>) {
  const [open, setOpen] = useState<Entry | null>(null);
  const list = query.data ?? [];

  return (
    <div className="page">
      <PageHeader title={title} back="/more" />
      <div className="page-body">
        {query.isPending ? (
          <SkeletonRows count={3} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : list.length === 0 ? (
          empty
        ) : (
          <ul className="list" data-testid={listTestId}>
            {list.map((item) => {
              const row = entry(item);
              return (
                <PersonRow
                  key={row.person.id}
                  person={row.person}
                  onOpen={() => setOpen(row)}
                  testId={rowTestId}
                  trailing={row.undo}
                />
              );
            })}
          </ul>
        )}
      </div>
      {open ? (
        <FriendProfileSheet key={open.person.id} person={open.person} relation={open.relation} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}
