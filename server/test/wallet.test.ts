import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { people } from './support/chat';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.app.services.ledger.checkInvariants());
afterAll(() => server.close());

const topUp = (token: string, amount: unknown, key?: string) =>
  server.request('POST', '/api/wallet/top-ups', { token, body: { amount }, headers: key ? { 'idempotency-key': key } : {} });

describe('wallet', () => {
  it('starts empty, labelled as the sandbox provider', async () => {
    const [a] = await people(server, 1);
    const wallet = await server.request('GET', '/api/wallet', { token: a!.token });
    expect(wallet.body).toEqual({ balance: { amount: 0, currency: 'KRW' }, points: { amount: 0, currency: 'KRW' }, provider: 'sandbox' });
  });

  it('tops up once per Idempotency-Key: a retry replays the answer, another body with the key is refused', async () => {
    const [a] = await people(server, 1);
    const missing = await topUp(a!.token, 5000);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('idempotency_key_required');

    const first = await topUp(a!.token, 5000, 'topup-key-0001');
    expect(first.status).toBe(201);
    expect(first.body.wallet.balance.amount).toBe(5000);
    const again = await topUp(a!.token, 5000, 'topup-key-0001');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const different = await topUp(a!.token, 7000, 'topup-key-0001');
    expect(different.status).toBe(409);
    expect(different.body.code).toBe('idempotency_key_reused');

    const history = await server.request('GET', '/api/wallet/entries', { token: a!.token });
    expect(history.body.entries).toHaveLength(1);
    expect(history.body.entries[0]).toMatchObject({ kind: 'top_up', amount: 5000, currency: 'KRW' });
    // Keys belong to their caller: someone else's identical key is a separate payment.
    const [b] = await people(server, 1);
    expect((await topUp(b!.token, 7000, 'topup-key-0001')).body.wallet.balance.amount).toBe(7000);
  });

  it('charges once when the same top-up is retried 100 times at once', async () => {
    const [a] = await people(server, 1);
    const answers = await Promise.all(Array.from({ length: 100 }, () => topUp(a!.token, 3000, 'storm-key-0001')));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    expect(new Set(answers.map((r) => r.body.entry.id)).size).toBe(1);
    const wallet = await server.request('GET', '/api/wallet', { token: a!.token });
    expect(wallet.body.balance.amount).toBe(3000);
    expect((await server.request('GET', '/api/wallet/entries', { token: a!.token })).body.entries).toHaveLength(1);
  });

  it('refuses bad amounts and bad keys with 400', async () => {
    const [a] = await people(server, 1);
    for (const amount of [0, -5, 1.5, '100', null, 1e12]) {
      const res = await topUp(a!.token, amount, `bad-amount-${String(amount)}`.replace(/[^A-Za-z0-9_.:-]/g, 'x'));
      expect(res.status, String(amount)).toBe(400);
    }
    expect((await topUp(a!.token, 100, 'short')).status).toBe(400);
    expect((await topUp(a!.token, 100, 'has spaces in it')).status).toBe(400);
  });
});

describe('ledger', () => {
  it('never lets a wallet go below 0, however many spends race for the same money', async () => {
    const [a] = await people(server, 1);
    await topUp(a!.token, 10_000, 'race-funding-1');
    const { ledger } = server.app.services;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        server.app.database.transaction((tx) =>
          ledger.transfer(tx, {
            debit: { kind: 'user_wallet', ownerId: a!.user.id },
            credit: { kind: 'coupon_liability' },
            amount: 1000,
            currency: 'KRW',
            kind: 'test_spend',
            idempotencyKey: `race-spend-${a!.user.id}-${i}`,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(40);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_funds' });
    expect((await server.request('GET', '/api/wallet', { token: a!.token })).body.balance.amount).toBe(0);
  });

  it('moves money once per transfer key, and refuses the key for a different movement', async () => {
    const [a] = await people(server, 1);
    await topUp(a!.token, 2000, 'once-funding-1');
    const { ledger } = server.app.services;
    const move = (amount: number) =>
      server.app.database.transaction((tx) =>
        ledger.transfer(tx, {
          debit: { kind: 'user_wallet', ownerId: a!.user.id },
          credit: { kind: 'coupon_liability' },
          amount,
          currency: 'KRW',
          kind: 'test_spend',
          idempotencyKey: `once-${a!.user.id}`,
        }),
      );
    const first = await move(500);
    expect((await move(500)).id).toBe(first.id);
    await expect(move(600)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect((await server.request('GET', '/api/wallet', { token: a!.token })).body.balance.amount).toBe(1500);
  });
});
