import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { people } from './support/chat';
import { giftSteps } from './support/gifts';
import { startTestServer } from './support/test-server';

// Every test server checks the ledger before it closes (support/test-server.ts). These tests break the books on
// purpose, straight in the database as no route ever could, to prove that check catches it.
describe('the ledger check every test server runs when it closes', () => {
  it('passes on books that balance, and refuses the system-only check to people', async () => {
    const server = await startTestServer();
    const [a] = await people(server, 1);
    expect((await giftSteps(server).fund(a!, 5000)).status).toBe(201);
    const invariants = await server.app.services.ledger.invariants({ kind: 'system' });
    expect(invariants).toEqual({ totals: [{ currency: 'KRW', total: 0 }], negativeWallets: [] });
    await expect(server.app.services.ledger.invariants({ kind: 'anonymous', ip: '127.0.0.1' })).rejects.toMatchObject({ code: 'forbidden' });
    await server.close();
  });

  it('fails loudly when balances do not sum to 0', async () => {
    const server = await startTestServer();
    const [a] = await people(server, 1);
    await giftSteps(server).fund(a!, 5000);
    await server.app.database.db.execute(sql`update ledger_accounts set balance = balance + 1 where kind = 'user_wallet' and owner_id = ${a!.user.id}`);
    await expect(server.close()).rejects.toThrow(/LEDGER INVARIANTS BROKEN.*"unbalanced":\[\{"currency":"KRW","total":1\}\]/);
  });

  it('fails loudly when a wallet is below 0, even if the books still balance', async () => {
    const server = await startTestServer();
    const [a, b] = await people(server, 2);
    const steps = giftSteps(server);
    await steps.fund(a!, 5000);
    await steps.fund(b!, 5000);
    await server.app.database.db.execute(sql`update ledger_accounts set allow_negative = true, balance = balance - 6000 where kind = 'user_wallet' and owner_id = ${a!.user.id}`);
    await server.app.database.db.execute(sql`update ledger_accounts set balance = balance + 6000 where kind = 'user_wallet' and owner_id = ${b!.user.id}`);
    const invariants = await server.app.services.ledger.invariants({ kind: 'system' });
    expect(invariants.totals).toEqual([{ currency: 'KRW', total: 0 }]);
    expect(invariants.negativeWallets).toEqual([{ ownerId: a!.user.id, kind: 'user_wallet', currency: 'KRW', balance: -1000 }]);
    await expect(server.close()).rejects.toThrow(/LEDGER INVARIANTS BROKEN.*"negativeWallets":\[\{"ownerId":"usr_/);
  });
});
