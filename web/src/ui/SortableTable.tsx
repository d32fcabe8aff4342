import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sortRows, type Sort, type SortColumn } from './sorting';

export interface Column<R> extends SortColumn<R> {
  label: string;
  cell: (row: R) => ReactNode;
  /** Figures line up on the right. */
  numeric?: boolean;
}

interface Props<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  /** The column and direction it starts sorted by. */
  initial: { key: string; dir: 'asc' | 'desc' };
  caption: string;
  testId: string;
  /** Attributes of a row, such as its test id and data attributes. */
  rowProps?: (row: R) => Record<string, string | undefined>;
  rowClass?: (row: R) => string | undefined;
}

/**
 * A table for the consoles on a wide screen: a header press sorts by that column, a second press turns the order
 * round. Phones show the same rows as cards instead.
 */
export function SortableTable<R>({ rows, columns, rowKey, initial, caption, testId, rowProps, rowClass }: Props<R>) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<Sort>(initial);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  return (
    <div className="table-wrap">
      <table className="console-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'is-numeric' : undefined}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sortBy ? (
                    <button
                      type="button"
                      className="th-sort"
                      onClick={() => setSort(active ? { key: column.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key: column.key, dir: column.numeric ? 'desc' : 'asc' })}
                      title={t('common.table.sortBy', { column: column.label })}
                      data-testid={`${testId}-sort-${column.key}`}
                    >
                      {column.label}
                      <span className="th-arrow" aria-hidden="true">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)} {...rowProps?.(row)}>
              {columns.map((column) => (
                <td key={column.key} className={column.numeric ? 'is-numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
