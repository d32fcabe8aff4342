import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteThread } from '../src/platform/db/pglite-thread';
import { befriend, people } from './support/chat';
import { giftSteps, key } from './support/gifts';
import { startTestServer, testEngine } from './support/test-server';

if (testEngine === 'postgres') console.log('skipping "PGlite on a thread of its own" in the PostgreSQL pass: it tests PGlite, and runs in the PGlite pass');

let thread: PGliteThread;
beforeAll(async () => {
  if (testEngine === 'postgres') return;
  thread = await PGliteThread.start('memory://');
  await thread.exec('create table notes (id int primary key, body text not null check (body <> \'\'))');
});
afterAll(() => thread?.close());

const rows = async (text: string, params?: unknown[]) => ((await thread.query(text, params)) as { rows: unknown[] }).rows;

describe.runIf(testEngine === 'pglite')('PGlite on a thread of its own', () => {
  it('answers queries with their rows, in either row mode', async () => {
    await thread.query('insert into notes values ($1, $2)', [1, 'one']);
    expect(await rows('select id, body from notes where id = $1', [1])).toEqual([{ id: 1, body: 'one' }]);
    expect(((await thread.query('select id, body from notes', [], { rowMode: 'array' })) as { rows: unknown[] }).rows).toEqual([[1, 'one']]);
  });

  it('gives back PostgreSQL’s error fields, so callers can tell a unique or a check violation', async () => {
    await expect(thread.query('insert into notes values ($1, $2)', [1, 'again'])).rejects.toMatchObject({ code: '23505', constraint: 'notes_pkey' });
    await expect(thread.query('insert into notes values ($1, $2)', [2, ''])).rejects.toMatchObject({ code: '23514' });
  });

  it('commits a transaction that succeeds and rolls back one that throws', async () => {
    await thread.transaction(async (tx) => {
      await tx.query('insert into notes values ($1, $2)', [10, 'kept']);
    });
    await expect(
      thread.transaction(async (tx) => {
        await tx.query('insert into notes values ($1, $2)', [11, 'dropped']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await rows('select id from notes where id >= 10 order by id')).toEqual([{ id: 10 }]);
  });

  it('runs concurrent transactions one after another, each seeing the one before', async () => {
    await thread.query('insert into notes values ($1, $2)', [100, '0']);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        thread.transaction(async (tx) => {
          const [row] = ((await tx.query('select body from notes where id = 100')) as { rows: Array<{ body: string }> }).rows;
          await tx.query('update notes set body = $1 where id = 100', [String(Number(row!.body) + 1)]);
        }),
      ),
    );
    expect(await rows('select body from notes where id = 100')).toEqual([{ body: '20' }]);
  });
});

describe.runIf(testEngine === 'pglite')('a server whose PGlite runs on a thread of its own (PGLITE_THREAD)', () => {
  it('pays concurrent gift purchases once each, refuses a short wallet alone, and keeps the books balanced', async () => {
    const server = await startTestServer({ PGLITE_THREAD: 'true' });
    try {
      await server.app.services.catalogue.seedDemo();
      const steps = giftSteps(server);
      const senders = await people(server, 6);
      const [recipient] = await people(server, 1);
      const milk = await steps.product('q=Banana%20Milk');
      await Promise.all(senders.map(async (s, i) => {
        await befriend(server, s!, recipient!);
        await steps.fund(s!, i === 0 ? 1_000 : 1_700);
      }));
      const body = { productId: milk.id, recipientIds: [recipient!.user.id], card: { template: 'cheer', text: 'hi' } };
      const keys = senders.map(() => key());
      const answers = await Promise.all(senders.flatMap((s, i) => [steps.order(s!, body, keys[i]), steps.order(s!, body, keys[i])]));
      expect(answers.map((a) => a.status)).toEqual(senders.flatMap((_, i) => (i === 0 ? [402, 402] : [201, 201])));
      for (let i = 1; i < senders.length; i++) expect(answers[i * 2 + 1]!.body).toEqual(answers[i * 2]!.body);
      expect(await Promise.all(senders.map((s) => steps.balance(s!)))).toEqual([1_000, 0, 0, 0, 0, 0]);
      await server.app.services.ledger.checkInvariants();
    } finally {
      await server.close();
    }
  });
});
