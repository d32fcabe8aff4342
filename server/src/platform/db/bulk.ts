import { getTableColumns, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './database';

/*
 * Statements over many rows whose text does not grow with the rows: each column travels as one array parameter and
 * `unnest` spreads it back into rows. Drizzle's `.values(rows)` and `inArray` send one parameter per cell, and
 * building that text costs a few microseconds a cell in Node (a third of a batch's CPU at 500 rows); PostgreSQL then
 * parses thousands of parameters too. Here 5 rows and 5,000 cost the same to build and the same to parse.
 */

/** `column = any($1::type[])`: `column` is one of `values`, sent as one parameter. */
export function anyOf(column: PgColumn, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param(values.map((v) => driverValue(column, v)))}::text[]::${sql.raw(column.getSQLType())}[])`;
}

/**
 * `unnest($1::text[], $2::text[], …) as <alias>(c0, c1, …)` for `rows`, with each cell already cast to its column's
 * type in `select` (`alias.c0::type`). Every cell travels as text, which both drivers send the same way.
 */
export function unnestOf<T extends PgTable>(table: T, rows: Array<Record<string, unknown>>, keys: string[], alias = 't'): { from: SQL; select: SQL[] } {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  return unnestColumns(
    keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`${key} is not a column`);
      return { column, values: rows.map((row) => row[key]) };
    }),
    alias,
  );
}

/** `unnestOf` for arrays that are not one table's rows: each holds values of `column`'s type (of any table). */
export function unnestColumns(arrays: Array<{ column: PgColumn; values: unknown[] }>, alias = 't'): { from: SQL; select: SQL[] } {
  return unnestArrays(
    arrays.map(({ column, values }) => ({ column, array: sql.param(values.map((v) => driverValue(column, v))) })),
    alias,
  );
}

function unnestArrays(arrays: Array<{ column: PgColumn; array: SQLWrapper }>, alias: string): { from: SQL; select: SQL[] } {
  const names = arrays.map((_, i) => `c${i}`);
  return {
    from: sql`unnest(${sql.join(arrays.map(({ array }) => sql`${array}::text[]`), sql`, `)}) as ${sql.raw(alias)}(${sql.raw(names.join(', '))})`,
    select: arrays.map(({ column }, i) => sql.raw(`${alias}.${names[i]}::${column.getSQLType()}`)),
  };
}

/**
 * Rows of `table` for a statement prepared once (`preparedSqlOn`): `unnestOf` and `insertRows` with each column's
 * array a placeholder, so the statement's text does not change with the rows. `values(rows)` gives the placeholders'
 * values for the rows of one call; `keys` are the columns every row gives.
 */
export function placeholderRows<T extends PgTable>(table: T, keys: string[], alias: string) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const used = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${key} is not a column`);
    return { key, column, placeholder: `${alias}_${key}` };
  });
  const { from, select } = unnestArrays(
    used.map(({ column, placeholder }) => ({ column, array: sql.placeholder(placeholder) })),
    alias,
  );
  return {
    from,
    select,
    /** `insert into table (…) select … from unnest(…)`, only `where` it holds when given. */
    insert(where?: SQL): SQL {
      return insertSelect(table, used.map(({ column }) => column), { from, select }, { where });
    },
    values(rows: Array<Record<string, unknown>>): Record<string, Array<string | null>> {
      return Object.fromEntries(used.map(({ key, column, placeholder }) => [placeholder, rows.map((row) => driverValue(column, row[key]))]));
    },
  };
}

/**
 * Inserts `rows` in one statement (the columns are those of the first row; a column it leaves out takes its default),
 * skipping rows that conflict when `skipConflicts`. Answers how many it inserted.
 */
export async function insertMany<T extends PgTable>(db: Executor, table: T, rows: Array<T['$inferInsert']>, options: { skipConflicts?: boolean } = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const result = (await db.execute(sql`${insertRows(table, rows, options)} returning 1`)) as unknown as { rows: unknown[] };
  return result.rows.length;
}

/**
 * The `insert … select … from unnest(…)` of `insertMany`, without running it: for a statement that writes several
 * tables at once (each insert a `with` query of its own). `rows` must not be empty. With `where`, the rows are
 * inserted only where it holds (a condition on the statement's other `with` queries).
 */
export function insertRows<T extends PgTable>(table: T, rows: Array<T['$inferInsert']>, options: { skipConflicts?: boolean; where?: SQL } = {}): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((key) => columns[key]);
  return insertSelect(table, keys.map((key) => columns[key]!), unnestOf(table, rows as Array<Record<string, unknown>>, keys), options);
}

/** `insert into table (columns) select … from …` for `unnestOf`'s or `placeholderRows`' rows. */
function insertSelect(table: PgTable, columns: PgColumn[], rows: { from: SQL; select: SQL[] }, options: { skipConflicts?: boolean; where?: SQL }): SQL {
  const names = sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `);
  const onConflict = options.skipConflicts ? sql` on conflict do nothing` : sql``;
  const where = options.where ? sql` where ${options.where}` : sql``;
  return sql`insert into ${table} (${names}) select ${sql.join(rows.select, sql`, `)} from ${rows.from}${where}${onConflict}`;
}

/**
 * Runs writes whose results nobody reads, each built by its repository (`…Writes`, none when there is nothing to
 * write), as one statement: each is a `with` query of its own, so a transaction spends one round trip on all of them.
 * They run on one snapshot, so they must not touch the same rows. PostgreSQL takes a `with` query that writes only at
 * the top of a statement, so a write must not have one of its own: a repository gives such a statement as its parts.
 */
export async function writeTogether(db: Executor, writes: SQL[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) await db.execute(writes[0]!);
  else await db.execute(sql`with ${sql.join(writeQueries(writes), sql`, `)} select 1`);
}

/**
 * `writeTogether`'s writes for the end of a repository's own `with` list (`, w0 as (…), w1 as (…)`; nothing for
 * none), so that a statement whose answer is read carries them too. Its own `with` queries must not be named `w<n>`.
 */
export function writesWith(writes: SQL[]): SQL {
  return writes.length === 0 ? sql`` : sql`, ${sql.join(writeQueries(writes), sql`, `)}`;
}

function writeQueries(writes: SQL[]): SQL[] {
  return writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`);
}

/**
 * A query of `readTogether`, built by its repository (`…Query`): a statement that answers rows (a `select`, or a
 * write with `returning`), and what its caller makes of them. Each row comes as an object of its columns, by their
 * names in the database, with their values as JSON has them (text for dates).
 */
export interface Together<R> {
  /** The statement's text (a query builder's `getSQL()`: as a builder it would be put in parentheses, which a write may not be). */
  query: SQL;
  read(rows: Array<Record<string, unknown>>): R;
}

/**
 * Runs queries whose rows are read, each built by its repository, as one statement: each is a `with` query of its
 * own, so a transaction spends one round trip on all of them, and each answers what its `read` makes of its rows. As
 * in `writeTogether`, they run on one snapshot and none sees what another writes: they must not touch the same rows,
 * and a write must not have a `with` query of its own. In which order they run is not defined: a caller that needs
 * one query's outcome to bound another's checks the two after the statement.
 */
export async function readTogether<T extends unknown[]>(db: Executor, queries: { [K in keyof T]: Together<T[K]> }): Promise<T> {
  const parts = queries as Array<Together<unknown>>;
  const withs = parts.map((part, i) => sql`${sql.raw(`q${i}`)} as (${part.query})`);
  const selects = parts.map((_, i) => sql.raw(`select ${i} as q, to_jsonb(q${i}.*) as r from q${i}`));
  const result = (await db.execute(sql`with ${sql.join(withs, sql`, `)} ${sql.join(selects, sql` union all `)}`)) as unknown as {
    rows: Array<{ q: number; r: Record<string, unknown> | string }>;
  };
  const rows = parts.map(() => [] as Array<Record<string, unknown>>);
  for (const { q, r } of result.rows) rows[Number(q)]!.push(typeof r === 'string' ? (JSON.parse(r) as Record<string, unknown>) : r);
  return parts.map((part, i) => part.read(rows[i]!)) as T;
}

/** A cell as the driver sends it, in text: dates in ISO form, JSON as its text, the rest as `String` gives it. */
function driverValue(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const mapped = column.mapToDriverValue(value);
  if (mapped === null || mapped === undefined) return null;
  if (mapped instanceof Date) return mapped.toISOString();
  return typeof mapped === 'string' ? mapped : String(mapped);
}
