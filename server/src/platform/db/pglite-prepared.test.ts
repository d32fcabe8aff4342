import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedPglite } from './pglite-prepared';

let pg: PGlite;
let prepared: PreparedPglite;

beforeAll(async () => {
  pg = await PGlite.create('memory://');
  prepared = new PreparedPglite(pg);
  await pg.exec(`
    create table wallets (id integer primary key, balance bigint not null check (balance >= 0), note text, seen timestamptz);
    insert into wallets select i, 100, null, null from generate_series(1, 10) as i;`);
});
afterAll(() => pg.close());

const DEBIT = 'update wallets set balance = balance - $1 where id = $2 returning id, balance, note';

describe('PGlite with prepared statements', () => {
  it('answers as PGlite does, in rows of objects or arrays, run after run', async () => {
    for (let i = 1; i <= 3; i++) {
      const plain = await pg.query('update wallets set balance = balance - $1 where id = $2 returning id, balance, note', [1, 1]);
      const again = await prepared.query(DEBIT, [1, 2]);
      expect(again.rows).toEqual([{ id: 2, balance: 100 - i, note: null }]);
      expect({ ...again, rows: [] }).toEqual({ ...plain, rows: [] });
      const arrays = await prepared.query(DEBIT, [0, 3], { rowMode: 'array' });
      expect(arrays.rows).toEqual([[3, 100, null]]);
    }
    // Values of every kind are written out by the type PostgreSQL gave the parameter.
    const when = new Date('2026-01-02T03:04:05.000Z');
    const set = await prepared.query<{ note: string; seen: Date }>('update wallets set note = $1, seen = $2 where id = $3 returning note, seen', ['가나다 🎁', when, 4]);
    expect(set.rows).toEqual([{ note: '가나다 🎁', seen: when }]);
  });

  it('throws PostgreSQL errors with their code and constraint, and goes on after them', async () => {
    await expect(prepared.query(DEBIT, [1000, 5])).rejects.toMatchObject({ code: '23514', constraint: 'wallets_balance_check' });
    await expect(prepared.query('select no_such_column from wallets where id = $1', [1])).rejects.toMatchObject({ code: '42703' });
    expect((await prepared.query(DEBIT, [1, 5])).rows).toEqual([{ id: 5, balance: 99, note: null }]);
  });

  it('keeps a transaction to itself: statements from outside wait for its end, a failed one rolls it all back', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = prepared.transaction(async (tx) => {
      await tx.query(DEBIT, [10, 6]);
      inside();
      await held;
      await tx.query(DEBIT, [10, 6]);
    });
    await entered;
    const outside = prepared.query<{ balance: number }>('select balance from wallets where id = $1', [6]);
    const order: string[] = [];
    void outside.then(() => order.push('outside'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('released');
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ balance: 80 }]);
    expect(order).toEqual(['released', 'outside']);

    await expect(
      prepared.transaction(async (tx) => {
        await tx.query(DEBIT, [10, 7]);
        await tx.query(DEBIT, [1000, 7]);
      }),
    ).rejects.toMatchObject({ code: '23514' });
    expect((await prepared.query('select balance from wallets where id = $1', [7])).rows).toEqual([{ balance: 100 }]);
  });

  it('keeps at most 500 statements prepared, and runs every statement right however many there are', async () => {
    for (let i = 0; i < 600; i++) {
      const result = await prepared.query<{ n: number }>(`select $1::int + ${i} as n`, [1]);
      expect(result.rows).toEqual([{ n: 1 + i }]);
    }
    const kept = await pg.query<{ count: number }>('select count(*)::int as count from pg_prepared_statements');
    expect(kept.rows[0]!.count).toBeLessThanOrEqual(500);
    expect((await prepared.query('select $1::int + 0 as n', [2])).rows).toEqual([{ n: 2 }]);
  });

  it('prepares a statement again when it was dropped or its table changed shape; in a transaction, the first failure is the one thrown', async () => {
    const read = 'select id, note from wallets where id = $1';
    expect((await prepared.query(read, [9])).rows).toEqual([{ id: 9, note: null }]);
    await pg.exec('deallocate all');
    expect((await prepared.query(read, [9])).rows).toEqual([{ id: 9, note: null }]);
    await pg.exec('alter table wallets alter column note type varchar(40)');
    expect((await prepared.query(read, [9])).rows).toEqual([{ id: 9, note: null }]);

    await pg.exec('alter table wallets alter column note type varchar(80)');
    await expect(prepared.transaction((tx) => tx.query(read, [9]))).rejects.toThrow('cached plan must not change result type');
    expect((await prepared.query(read, [9])).rows).toEqual([{ id: 9, note: null }]);
  });
});
