export interface SortColumn<R> {
  key: string;
  /** What the column sorts by; a column without it does not sort. */
  sortBy?: (row: R) => string | number;
}

export interface Sort {
  key: string;
  dir: 'asc' | 'desc';
}

/** The rows in the order `sort` asks for; rows that tie keep the order they came in. */
export function sortRows<R>(rows: readonly R[], columns: readonly SortColumn<R>[], sort: Sort): R[] {
  const by = columns.find((c) => c.key === sort.key)?.sortBy;
  if (!by) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: by(row) }))
    .sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : a.i - b.i))
    .map((x) => x.row);
}
