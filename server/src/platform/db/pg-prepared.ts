import { LRUCache } from 'lru-cache';
import type pg from 'pg';

/** How many times a statement's text runs unnamed before it is named: one that runs once or twice is never prepared. */
const RUNS_BEFORE_NAMING = 3;
/** Texts named at most. Each is prepared once on every connection that runs it, and kept there while it lives. */
const MAX_NAMED = 300;
/** Texts whose runs are counted at most (the least recently run are forgotten first). */
const MAX_COUNTED = 5_000;

/**
 * Names the statements that PostgreSQL runs often, so that it parses and plans each once per connection instead of
 * on every run. node-postgres prepares a statement with a name the first time a connection runs it, and from then on
 * only binds and executes it on that connection. This is what `preparedOn` does for the statements it builds, done for
 * every statement with parameters whose text repeats: a batch's statements (`readTogether`, `writeTogether`), which
 * are built anew on each run but whose text does not change with their rows.
 *
 * A text is named after it has run a few times, and at most `MAX_NAMED` texts are, so that statements whose text
 * changes with their input (a list of values written one parameter each) do not fill every connection with prepared
 * statements that never run again. A statement without parameters (`begin`, `commit`) is sent as it is.
 */
export class StatementNames {
  private readonly runs = new LRUCache<string, number>({ max: MAX_COUNTED });
  private readonly names = new Map<string, string>();

  /** The name `text` runs under, if it is named (now or before). */
  nameOf(text: string): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined || this.names.size >= MAX_NAMED) return named;
    const runs = (this.runs.get(text) ?? 0) + 1;
    if (runs < RUNS_BEFORE_NAMING) {
      this.runs.set(text, runs);
      return undefined;
    }
    this.runs.delete(text);
    const name = `maum_auto_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }

  /** Has `client` run each statement with parameters under its text's name, once it has one. */
  nameOn(client: pg.ClientBase): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const named = (config: unknown, values?: unknown, callback?: unknown): unknown => {
      if (typeof config === 'object' && config !== null && Array.isArray(values) && values.length > 0) {
        const { name, text } = config as { name?: string; text?: unknown };
        const given = name === undefined && typeof text === 'string' ? this.nameOf(text) : undefined;
        if (given !== undefined) return query({ ...config, name: given }, values, callback);
      }
      return query(config, values, callback);
    };
    (client as unknown as { query: typeof named }).query = named;
  }
}
