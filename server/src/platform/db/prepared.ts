import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './database';

const statements = new WeakMap<Executor, Map<string, unknown>>();

/**
 * A statement built once per executor (the database, or a transaction), prepared as `name`, and then run with new values for
 * its `sql.placeholder`s: its SQL text is not built again on each call, and PostgreSQL parses and plans it once per
 * connection. For the reads that every request makes (a session, a product, a friendship). `name` must be unique to
 * the statement's text.
 */
export function preparedOn<P>(db: Executor, name: string, build: (db: Executor) => { prepare(name: string): P }): P {
  let byName = statements.get(db);
  if (!byName) statements.set(db, (byName = new Map()));
  let statement = byName.get(name) as P | undefined;
  if (statement === undefined) byName.set(name, (statement = build(db).prepare(name)));
  return statement;
}

/** Turns SQL into its text and parameters; it keeps no state, so one serves every database. */
const dialect = new PgDialect();

/** A statement of raw SQL prepared by `preparedSqlOn`: its rows as the driver gives them (columns by their names). */
export interface PreparedSql {
  execute(values: Record<string, unknown>): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/**
 * `preparedOn` for a statement written as raw SQL (`sql\`…\``) with `sql.placeholder`s, for the statements that
 * query builders cannot write (`with` queries that write several tables): its text is built once per executor, where
 * building it on each call costs more than the rest of the call in Node, and PostgreSQL parses it once per connection.
 */
export function preparedSqlOn(db: Executor, name: string, build: () => SQL): PreparedSql {
  return preparedOn(db, name, (on) => ({
    prepare: (as: string) => on._.session.prepareQuery(dialect.sqlToQuery(build()), undefined, as, false) as unknown as PreparedSql,
  }));
}
