import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import type { Logger } from '../log';

/** How many times a statement's text runs unnamed before it is named: one that runs once or twice is never prepared. */
const RUNS_BEFORE_NAMING = 3;
/** Texts named at most. Each is prepared once on every connection that runs it, and kept there while it lives. */
const MAX_NAMED = 300;
/** Texts whose runs are counted at most (the least recently run are forgotten first). */
const MAX_COUNTED = 5_000;
/**
 * Statements with more parameters than this are never named: their text grows with their input (a parameter per row
 * or per value), so each length would be a statement of its own. Maum's batch statements send a column as one array.
 */
const MAX_PARAMETERS = 32;

/** A prepared statement that no longer exists (DEALLOCATE), or whose plan no longer fits its tables' new shape. */
export function isStaleStatement(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return code === '26000' || (code === '0A000' && typeof message === 'string' && message.includes('cached plan'));
}

/**
 * Names the statements that PostgreSQL runs often, so that it parses and plans each once per connection instead of
 * on every run. node-postgres prepares a statement with a name the first time a connection runs it, and from then on
 * only binds and executes it on that connection. This is what `preparedOn` does for the statements it builds, done for
 * every statement with parameters whose text repeats: a batch's statements (`readTogether`, `writeTogether`), which
 * are built anew on each run but whose text does not change with their rows.
 *
 * A text is named after it has run a few times, and at most `MAX_NAMED` texts are, so that statements whose text
 * changes with their input do not fill every connection with prepared statements that never run again. A statement
 * without parameters (`begin`, `commit`) is sent as it is.
 */
export class StatementNames {
  private readonly runs = new LRUCache<string, number>({ max: MAX_COUNTED });
  private readonly names = new Map<string, string>();

  constructor(private readonly log?: Logger) {}

  /** The name `text` (with `parameters` parameters) runs under, if it is named (now or before). */
  nameOf(text: string, parameters: number): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined || parameters > MAX_PARAMETERS) return named;
    if (this.names.size >= MAX_NAMED) return undefined;
    const runs = (this.runs.get(text) ?? 0) + 1;
    if (runs < RUNS_BEFORE_NAMING) {
      this.runs.set(text, runs);
      return undefined;
    }
    this.runs.delete(text);
    const name = `maum_auto_${this.names.size + 1}`;
    this.names.set(text, name);
    if (this.names.size === MAX_NAMED) {
      this.log?.info({ named: MAX_NAMED }, `${MAX_NAMED} statements are prepared on each PostgreSQL connection; statements first seen from now on are not.`);
    }
    return name;
  }

  /**
   * Has `client` run each statement with parameters under its text's name, once it has one. Should the connection
   * have lost the statement (a pooler that discards it) or its plan no longer fit (a column changed under it), the
   * run fails and the connection forgets it, so the next run prepares it again.
   */
  nameOn(client: pg.ClientBase): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // node-postgres's record of the statements this connection has prepared, by name.
    const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
    const named = (config: unknown, values?: unknown, callback?: unknown): unknown => {
      const plain = typeof config === 'object' && config !== null && typeof (config as { submit?: unknown }).submit !== 'function';
      if (plain && Array.isArray(values) && values.length > 0) {
        const { name, text } = config as { name?: string; text?: unknown };
        const given = name === undefined && typeof text === 'string' ? this.nameOf(text, values.length) : undefined;
        if (given !== undefined) {
          const forget = (err: unknown) => {
            if (isStaleStatement(err)) delete parsed[given];
          };
          if (typeof callback === 'function') {
            return query({ ...config, name: given }, values, (err: unknown, result: unknown) => {
              if (err) forget(err);
              (callback as (err: unknown, result: unknown) => void)(err, result);
            });
          }
          return (query({ ...config, name: given }, values) as Promise<unknown>).catch((err: unknown) => {
            forget(err);
            throw err;
          });
        }
      }
      return query(config, values, callback);
    };
    (client as unknown as { query: typeof named }).query = named;
  }
}
