import { verifyBundle } from '@maum/protocol';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificatesRepository } from '../src/modules/certs';
import { befriend, people, type Person } from './support/chat';
import { commerceSteps } from './support/commerce';
import { startTestServer, type TestServer } from './support/test-server';

const system = { kind: 'system' as const };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ TLOG_BATCH_MS: '20', LOG_LEVEL: 'error' }, { durable: true });
});
afterAll(() => server.close());

/**
 * A change to a certificate commits first and reaches the log a moment later. A server that goes down in between
 * (here: its log stops taking entries, as a dying process's would) must not leave the change off the log for good.
 */
describe('certificate changes cut off before they reached the log', () => {
  it('still happen, and are finished after a restart: each entry appended once, even one whose append went through before the crash', async () => {
    let steps = commerceSteps(server);
    const call = (...args: Parameters<typeof steps.call>) => steps.call(...args);
    const op = await steps.operator();
    const seller = await steps.seller(op, 'brand');
    const form = new FormData();
    form.append('file', new Blob([await sharp({ create: { width: 8, height: 8, channels: 3, background: '#345' } }).png().toBuffer()], { type: 'image/png' }), 'p.png');
    const photo = steps.expectStatus(await call('POST', '/api/seller/images', seller.person, form), 201, 'photo').id;
    const product = steps.expectStatus(
      await call('POST', '/api/seller/products', seller.person, { name: 'Brass compass', imageIds: [photo], variants: [{ name: 'Brass', price: 10_000, stock: 5 }] }),
      201,
      'product',
    ).product;
    const request = steps.expectStatus(await call('POST', '/api/seller/certifications', seller.person, { productId: product.id, evidenceImageIds: [photo] }), 201, 'request');
    steps.expectStatus(await call('POST', `/api/operator/certifications/${request.id}/approve`, op), 200, 'approve');
    const [sold, toRevoke] = steps.expectStatus(await call('POST', '/api/seller/certificates', seller.person, { productId: product.id, serials: ['BC-1', 'BC-2'] }), 201, 'issue')
      .certificates as Array<{ id: string }>;
    const [buyer, friend] = (await people(server, 2)) as [Person, Person];
    await befriend(server, buyer, friend);
    await steps.fund(buyer, 10_000);
    steps.expectStatus(await steps.buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }]), 200, 'buy');

    // The log stops: each change below is made and answered, but its entry does not reach the log.
    await server.app.services.certsLog.close();
    const issued = steps.expectStatus(await call('POST', '/api/seller/certificates', seller.person, { productId: product.id, serials: ['BC-3', 'BC-4'] }), 201, 'issue');
    expect(issued.certificates.map((c: { history: unknown[] }) => c.history)).toEqual([[], []]);
    steps.expectStatus(await call('POST', `/api/certificates/${sold!.id}/transfer`, buyer, { toUserId: friend.user.id }), 200, 'transfer');
    steps.expectStatus(await call('POST', `/api/operator/certificates/${toRevoke!.id}/revoke`, op, { reason: 'issued_in_error' }), 200, 'revoke');
    // A sale hands its item's certificate over in the payment's own transaction.
    const [late] = issued.certificates as Array<{ id: string }>;
    const shopper = (await people(server, 1))[0]!;
    await steps.fund(shopper, 10_000);
    steps.expectStatus(await steps.buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }]), 200, 'buy during the outage');

    // The changes happened: the item is the friend's, the other certificate is revoked, the new one the shopper's.
    expect((await call('GET', `/api/certificates/${sold!.id}`, friend)).body.mine).toBe(true);
    expect((await call('GET', `/api/certificates/${toRevoke!.id}`, undefined)).body.status).toBe('revoked');
    expect((await call('GET', `/api/certificates/${late!.id}`, shopper)).body).toMatchObject({ mine: true, history: [] });

    server = await server.restart();
    steps = commerceSteps(server);
    const log = server.app.services.certsLog;
    const sizeAfterCrash = (await log.checkpoint()).treeSize;
    // Changes under way are left to finish themselves: nothing is older than the grace period yet.
    expect(await server.app.services.certificates.settleOwedEntries(system)).toBe(0);
    // One append went through just before the crash: its entry is on the log, but its event was never recorded.
    const owed = await new CertificatesRepository(server.app.database.db).owedEntriesBefore(new Date(Date.now() + 60_000), 10);
    expect(owed.map((o) => o.entry.kind).sort()).toEqual(['issue', 'issue', 'revoke', 'transfer', 'transfer']);
    const alreadyOnLog = owed.find((o) => o.entry.kind === 'transfer' && o.entry.certificateId === sold!.id)!;
    const appendedIndex = await log.append(alreadyOnLog.entry);

    // Settling finishes all five, and appends only the four entries the log does not have.
    expect(await server.app.services.certificates.settleOwedEntries(system, new Date(Date.now() + 1000))).toBe(5);
    expect((await log.checkpoint()).treeSize).toBe(sizeAfterCrash + 5);
    expect(await server.app.services.certificates.settleOwedEntries(system, new Date(Date.now() + 1000))).toBe(0);

    const key = ((await server.request('GET', '/log/verifier-key')).body as string).trim();
    const check = async (certId: string) => {
      const bundle = (await server.request('GET', `/api/certificates/${certId}/bundle`)).body;
      const result = verifyBundle(bundle, key);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      return result.entries;
    };
    const transferred = await check(sold!.id);
    expect(transferred.map((e) => e.entry.kind)).toEqual(['issue', 'transfer', 'transfer']);
    expect(transferred.at(-1)!.index).toBe(appendedIndex);
    expect((await check(toRevoke!.id)).map((e) => e.entry.kind)).toEqual(['issue', 'revoke']);
    expect((await check(late!.id)).map((e) => e.entry.kind)).toEqual(['issue', 'transfer']);
    expect((await check((issued.certificates as Array<{ id: string }>)[1]!.id)).map((e) => e.entry.kind)).toEqual(['issue']);
    const view = (await steps.call('GET', `/api/certificates/${sold!.id}`, friend)).body;
    expect(view).toMatchObject({ mine: true, status: 'active' });
    expect(view.history.map((h: { kind: string }) => h.kind)).toEqual(['issue', 'transfer', 'transfer']);
  });
});
