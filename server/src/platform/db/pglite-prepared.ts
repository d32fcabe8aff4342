import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { LRUCache } from 'lru-cache';
import { isStaleStatement } from './pg-prepared';

/** What drizzle uses of a PGlite, or of one of its transactions. */
export interface PgliteQueries {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string): Promise<unknown>;
}

interface Statement {
  name: string;
  /** The type of each parameter, as PostgreSQL inferred it: how each value is written out. */
  paramTypes: number[];
}

/** How many statements stay prepared; the one used least recently goes first. */
const KEPT = 500;

/**
 * PGlite whose statements with parameters are prepared once, by name, and from then on only bound and run. A plain
 * PGlite `query` sends six messages into the database one at a time, and PostgreSQL parses, analyses and plans the
 * statement at every run; here a run is one call that carries four messages (bind, describe, execute, sync), and the
 * plan is PostgreSQL's own cached plan. A one-row update takes about a third of the time. PGlite is one session for
 * the whole process, so a statement prepared in one transaction serves every later one. Statements without parameters
 * (`begin`, `vacuum`, migrations) go through PGlite's `query` as they are.
 *
 * Like PGlite's `query`, a run outside a transaction waits for the transaction in progress to end, and one inside
 * runs between that transaction's other statements.
 */
export class PreparedPglite implements PgliteQueries {
  /** Statements dropped from `statements`, closed in PGlite when the next one is prepared. */
  private closing: string[] = [];
  private readonly statements = new LRUCache<string, Statement>({ max: KEPT, dispose: (statement) => this.closing.push(statement.name) });
  private lastName = 0;

  constructor(private readonly pg: PGlite) {}

  async query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    if (!preparable(params, options)) return this.pg.query<T>(text, params, options);
    await this.pg._checkReady();
    return this.pg._runExclusiveTransaction(async () => {
      const result = await this.pg._runExclusiveQuery(() => this.run<T>(text, params, options, false));
      await this.pg.syncToFs();
      return result;
    });
  }

  exec(text: string): Promise<unknown> {
    return this.pg.exec(text);
  }

  /** Runs `work` in a PGlite transaction, whose statements are prepared as the database's are. */
  transaction<T>(work: (tx: PgliteQueries) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx: Transaction) =>
      work({
        query: <R>(text: string, params?: unknown[], options?: QueryOptions) => {
          if (!preparable(params, options)) return tx.query<R>(text, params, options);
          if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
          return this.pg._runExclusiveQuery(() => this.run<R>(text, params, options, true));
        },
        exec: (text) => tx.exec(text),
      }),
    );
  }

  /**
   * Binds and runs `text` by its prepared statement, preparing it first if need be. Holds PGlite's query lock. A stale
   * statement is prepared again and run once more, unless in a transaction, which its failure has aborted.
   */
  private async run<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean, again = false): Promise<Results<T>> {
    const statement = this.statements.get(text) ?? (await this.prepare(text));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[i]!;
      const serialize = options?.serializers?.[type] ?? this.pg.serializers[type];
      return serialize ? serialize(value) : String(value);
    });
    const { serialize } = protocol;
    try {
      const messages = await this.pg.execProtocolStream(
        joined([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
        { syncToFs: false },
      );
      return parse.parseResults(messages, this.pg.parsers, options)[0] as Results<T>;
    } catch (err) {
      if (!isStaleStatement(err)) throw err;
      this.statements.delete(text);
      if (again || inTransaction) throw err;
      return this.run<T>(text, params, options, inTransaction, true);
    }
  }

  /** Prepares `text`, closing in the same call the statements dropped to make room for it. */
  private async prepare(text: string): Promise<Statement> {
    if (this.statements.size >= KEPT) this.statements.pop();
    const name = `maum_${++this.lastName}`;
    const { serialize } = protocol;
    const closing = this.closing.map((old) => serialize.close({ type: 'S', name: old }));
    this.closing = [];
    const messages = await this.pg.execProtocolStream(
      joined([...closing, serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.statements.set(text, statement);
    return statement;
  }
}

/** Only a query with parameters is worth preparing; a COPY's blob, or types given by the caller, take PGlite's path. */
function preparable(params: unknown[] | undefined, options: QueryOptions | undefined): params is unknown[] {
  return params !== undefined && params.length > 0 && !options?.blob && !options?.paramTypes;
}

/** Protocol messages end to end, so that PGlite takes them in one call. */
function joined(messages: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(messages.reduce((length, m) => length + m.length, 0));
  let at = 0;
  for (const message of messages) {
    out.set(message, at);
    at += message.length;
  }
  return out;
}
