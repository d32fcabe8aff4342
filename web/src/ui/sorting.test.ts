import { describe, expect, it } from 'vitest';
import { sortRows, type SortColumn } from './sorting';

type Row = { id: string; amount: number; when: string };
const rows: Row[] = [
  { id: 'a', amount: 4500, when: '2026-12-01T10:00:00Z' },
  { id: 'b', amount: 15900, when: '2026-11-30T09:00:00Z' },
  { id: 'c', amount: 4500, when: '2026-12-02T08:00:00Z' },
];
const columns: SortColumn<Row>[] = [
  { key: 'amount', sortBy: (r) => r.amount },
  { key: 'when', sortBy: (r) => r.when },
  { key: 'id' },
];
const ids = (list: Row[]) => list.map((r) => r.id);

describe('sorting a console table', () => {
  it('sorts by a column either way, keeping ties in their order', () => {
    expect(ids(sortRows(rows, columns, { key: 'amount', dir: 'asc' }))).toEqual(['a', 'c', 'b']);
    expect(ids(sortRows(rows, columns, { key: 'amount', dir: 'desc' }))).toEqual(['b', 'a', 'c']);
    expect(ids(sortRows(rows, columns, { key: 'when', dir: 'desc' }))).toEqual(['c', 'a', 'b']);
  });

  it('leaves the order alone for a column that does not sort, and never changes the rows it is given', () => {
    expect(ids(sortRows(rows, columns, { key: 'id', dir: 'asc' }))).toEqual(['a', 'b', 'c']);
    sortRows(rows, columns, { key: 'amount', dir: 'desc' });
    expect(ids(rows)).toEqual(['a', 'b', 'c']);
  });
});
