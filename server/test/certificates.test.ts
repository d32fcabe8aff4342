import { verifyBundle } from '@maum/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, directRoom, people, type Person } from './support/chat';
import { commerceSteps } from './support/commerce';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let steps: ReturnType<typeof commerceSteps>;
let op: Person;
let verifierKey: string;

beforeAll(async () => {
  server = await startTestServer();
  steps = commerceSteps(server);
  op = await steps.operator();
  verifierKey = ((await server.request('GET', '/log/verifier-key')).body as string).trim();
});
afterAll(() => server.close());

/** The certificate as anyone sees it, and whether its proof bundle checks against the log's key alone. */
async function publicView(certId: string) {
  const cert = steps.expectStatus(await steps.call('GET', `/api/certificates/${certId}`, undefined), 200, 'certificate');
  const bundle = steps.expectStatus(await steps.call('GET', `/api/certificates/${certId}/bundle`, undefined), 200, 'bundle');
  return { cert, check: verifyBundle(bundle, verifierKey), bundle };
}

describe('certificates of authenticity', () => {
  it('are issued for a verified product, move with a sale and a transfer, and are revoked by the operator, each step on the log', async () => {
    const { call, expectStatus } = steps;
    const owner = await steps.seller(op, 'brand');
    const other = await steps.seller(op, 'small_business');
    const photo = await steps.image(owner, '#455a64');
    const product = expectStatus(
      await call('POST', '/api/seller/products', owner.person, { name: 'Field watch', imageIds: [photo], variants: [{ name: 'Steel', price: 20_000, stock: 5 }] }),
      201,
      'product',
    ).product;

    // Certification: evidence from the seller, review by the operator only.
    expect((await call('POST', '/api/seller/certificates', owner.person, { productId: product.id, serials: ['FW-0001'] })).body.code).toBe('product_not_certified');
    const authorisation = await steps.image(owner, '#eeeeee');
    const request = expectStatus(
      await call('POST', '/api/seller/certifications', owner.person, { productId: product.id, evidenceImageIds: [authorisation, photo], note: 'Authorised dealer letter attached.' }),
      201,
      'request',
    );
    expect((await call('POST', '/api/seller/certifications', other.person, { productId: product.id, evidenceImageIds: [await steps.image(other, '#000')] })).status).toBe(404);
    expect((await call('POST', `/api/operator/certifications/${request.id}/approve`, owner.person)).status).toBe(403);
    expect((await call('GET', `/api/products/${product.id}/certification`, undefined)).body).toMatchObject({ certified: false, certifiedAt: null, mine: [] });
    expect(expectStatus(await call('POST', `/api/operator/certifications/${request.id}/approve`, op), 200, 'approve').status).toBe('approved');
    expect(expectStatus(await call('GET', `/api/products/${product.id}/certification`, undefined), 200, 'certification')).toMatchObject({ certified: true, mine: [] });

    // Issuing: one certificate per serial, only by the product's own seller.
    expect((await call('POST', '/api/seller/certificates', other.person, { productId: product.id, serials: ['X'] })).status).toBe(404);
    const issued = expectStatus(await call('POST', '/api/seller/certificates', owner.person, { productId: product.id, serials: ['FW-0001', 'FW-0002'] }), 201, 'issue');
    expect(issued.certificates).toHaveLength(2);
    expect((await call('POST', '/api/seller/certificates', owner.person, { productId: product.id, serials: ['FW-0002'] })).body.code).toBe('serial_taken');
    const first = issued.certificates[0];
    const fresh = await publicView(first.id);
    expect(fresh.check).toMatchObject({ ok: true, entries: [{ entry: { kind: 'issue', certificateId: first.id, serial: 'FW-0001' } }] });

    // A sale hands the certificate to the buyer, who appears on the log only as a pseudonym.
    const [buyer, friend] = await people(server, 2);
    await befriend(server, buyer!, friend!);
    await befriend(server, friend!, buyer!);
    await steps.fund(buyer!, 20_000);
    expectStatus(await steps.buy(buyer!, [{ variantId: product.variants[0]!.id, quantity: 1 }]), 200, 'buy');
    const mine = expectStatus(await call('GET', '/api/certificates/mine', buyer), 200, 'mine').certificates;
    expect(mine).toEqual([expect.objectContaining({ id: first.id, mine: true, status: 'active' })]);
    // The product page shows a buyer the certificates of it they own; others see only that it is certified.
    expect(expectStatus(await call('GET', `/api/products/${product.id}/certification`, buyer), 200, 'certification').mine).toEqual([
      expect.objectContaining({ id: first.id, serial: 'FW-0001', mine: true, verifyUrl: expect.stringMatching(new RegExp(`/verify/${first.id}$`)) }),
    ]);
    expect(expectStatus(await call('GET', `/api/products/${product.id}/certification`, friend), 200, 'certification')).toMatchObject({ certified: true, mine: [] });
    // The public page recognises its owner when signed in, and still serves a reader whose session has ended.
    expect(expectStatus(await call('GET', `/api/certificates/${first.id}`, buyer), 200, 'as owner').mine).toBe(true);
    const stale = await server.request('GET', `/api/certificates/${first.id}`, { token: 'no-longer-a-session' });
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ id: first.id, mine: false });
    expect((await server.request('GET', '/api/certificates/mine', { token: 'no-longer-a-session' })).status).toBe(401);
    const sold = await publicView(first.id);
    expect(sold.cert.owner).toMatch(/^own_[0-9a-f]{64}$/);
    expect(JSON.stringify(sold)).not.toContain(buyer!.user.id);
    expect(sold.check.ok && sold.check.entries.map((e) => e.entry.kind)).toEqual(['issue', 'transfer']);
    expect(sold.check.ok && sold.check.entries[1]!.entry).toMatchObject({ to: sold.cert.owner, reference: { kind: 'order' } });

    // The buyer gives it to a friend, and to nobody else; only the owner can.
    expect((await call('POST', `/api/certificates/${first.id}/transfer`, friend, { toUserId: friend!.user.id })).status).toBe(404);
    expect((await call('POST', `/api/certificates/${first.id}/transfer`, buyer, { toUserId: other.person.user.id })).body).toMatchObject({ code: 'not_found' });
    expectStatus(await call('POST', `/api/certificates/${first.id}/transfer`, buyer, { toUserId: friend!.user.id }), 200, 'transfer');
    // It arrives as a card in the buyer's chat with the friend.
    const room = await directRoom(server, friend!, buyer!);
    const messages = expectStatus(await call('GET', `/api/rooms/${room.id}/messages`, friend), 200, 'messages').messages;
    expect(messages.at(-1)).toMatchObject({ senderId: buyer!.user.id, kind: 'card', body: { text: 'Field watch · FW-0001', card: { type: 'certificate', certId: first.id, serial: 'FW-0001', productName: 'Field watch' } } });
    expect(expectStatus(await call('GET', '/api/certificates/mine', buyer), 200, 'mine').certificates).toEqual([]);
    expect(expectStatus(await call('GET', '/api/certificates/mine', friend), 200, 'mine').certificates.map((c: { id: string }) => c.id)).toEqual([first.id]);
    const given = await publicView(first.id);
    expect(given.check.ok && given.check.entries.map((e) => e.entry.kind)).toEqual(['issue', 'transfer', 'transfer']);
    expect(given.cert.owner).not.toBe(sold.cert.owner);

    // Revocation is the operator's alone.
    expect((await call('POST', `/api/operator/certificates/${first.id}/revoke`, owner.person, { reason: 'counterfeit' })).status).toBe(403);
    expect(expectStatus(await call('POST', `/api/operator/certificates/${first.id}/revoke`, op, { reason: 'counterfeit', detail: 'Reported by the brand' }), 200, 'revoke').status).toBe('revoked');
    const revoked = await publicView(first.id);
    expect(revoked.check.ok && revoked.check.entries.at(-1)!.entry).toMatchObject({ kind: 'revoke', reason: 'counterfeit' });
    expect((await call('POST', `/api/certificates/${first.id}/transfer`, friend, { toUserId: buyer!.user.id })).body.code).toBe('too_late');

    // A bundle someone changed no longer checks.
    const tampered = structuredClone(revoked.bundle);
    tampered.entries[0].entry = Buffer.from(Buffer.from(tampered.entries[0].entry, 'base64').toString().replace('FW-0001', 'FW-9999')).toString('base64');
    expect(verifyBundle(tampered, verifierKey).ok).toBe(false);
  });

  it('go to a delivery gift’s recipient when they accept it', async () => {
    const owner = await steps.seller(op, 'small_business');
    const photo = await steps.image(owner, '#6a1b9a');
    const product = steps.expectStatus(
      await steps.call('POST', '/api/seller/products', owner.person, { name: 'Silk scarf', imageIds: [photo], giftListing: 'delivery', variants: [{ name: 'Plum', price: 30_000, stock: 2 }] }),
      201,
      'product',
    ).product;
    await steps.certify(op, owner, product.id, [photo]);
    steps.expectStatus(await steps.call('POST', '/api/seller/certificates', owner.person, { productId: product.id, serials: ['SC-1', 'SC-2'] }), 201, 'issue');

    const [sender, recipient] = await people(server, 2);
    await steps.fund(sender!, 30_000);
    const started = steps.expectStatus(
      await steps.call('POST', '/api/orders', sender, { lines: [{ variantId: product.variants[0]!.id, quantity: 1 }], giftTo: { recipientId: recipient!.user.id, card: { template: 'plain', text: '' } } }),
      201,
      'gift',
    );
    steps.expectStatus(await steps.pay(sender!, started.id), 200, 'pay');
    expect(steps.expectStatus(await steps.call('GET', '/api/certificates/mine', sender), 200, 'mine').certificates).toEqual([]);
    steps.expectStatus(
      await steps.call('POST', `/api/orders/${started.id}/accept`, recipient, { address: { name: 'Lee', phone: '010-1111-2222', postalCode: '06236', line1: '152 Teheran-ro, Gangnam-gu' } }),
      200,
      'accept',
    );
    const theirs = steps.expectStatus(await steps.call('GET', '/api/certificates/mine', recipient), 200, 'mine').certificates;
    expect(theirs).toHaveLength(1);
    const view = await publicView(theirs[0].id);
    expect(view.check.ok && view.check.entries[1]!.entry).toMatchObject({ kind: 'transfer', reference: { kind: 'gift', id: started.id } });
  });
});
