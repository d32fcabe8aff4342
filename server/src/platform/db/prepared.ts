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
