import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { topUp } from './support/commerce';
import { actionCounter, addFriendByHandle, browserAvailable, browserSuite, E2E_PASSWORD, runMaum } from './support/harness';

const suffix = Date.now().toString(36).slice(-5);
const staff = `counter${suffix}`;
const BRAND = 'Moonbean Coffee';
const STORE = 'Moonbean Seongsu';
const PRODUCT = 'Americano (Tall)';

describe.skipIf(!browserAvailable())('a gift in the browser', () => {
  const suite = browserSuite({
    prepare: async (dataDir) => {
      // The shop's catalogue comes with the demo data; a store of one of its brands gets a member of staff.
      await runMaum(dataDir, ['seed']);
      await runMaum(dataDir, ['create-user', '--handle', staff, '--name', 'Counter Staff', '--password', E2E_PASSWORD]);
      const created: unknown = JSON.parse((await runMaum(dataDir, ['create-store', '--brand', BRAND, '--name', STORE, '--staff', staff])).trim());
      expect(created).toMatchObject({ storeId: expect.any(String), apiKey: expect.any(String) });
    },
  });
  const { openChatWith } = suite;

  it('sends a gift from a chat in at most 6 actions; the friend accepts it live and a store redeems it with a ₩0 fee', async () => {
    const giver = await suite.signUp(`giver${suffix}`, 'Gina Kang');
    const friend = await suite.signUp(`rami${suffix}`, 'Rami Yoon');
    await addFriendByHandle(giver.page, `rami${suffix}`);
    await addFriendByHandle(friend.page, `giver${suffix}`);

    // Money for the gift, from the sandbox top-up in the wallet (not part of the gift flow).
    await topUp(giver.page, 10_000, '₩10,000');

    // Both have their chat open, as two friends talking would.
    await openChatWith(friend.page, `giver${suffix}`);
    await openChatWith(giver.page, `rami${suffix}`);

    // The flow, counted from the chat: gift button, product, Gift, card, message, Pay.
    const actions = actionCounter();
    const started = Date.now();
    await actions.act(() => giver.page.getByTestId('room-gift').click());
    await actions.act(() => giver.page.locator(`[data-testid="product-card"][data-product-name="${PRODUCT}"]`).first().click());
    await expect.poll(() => giver.page.getByTestId('gift-start').textContent()).toContain('Rami Yoon');
    await actions.act(() => giver.page.getByTestId('gift-start').click());
    await actions.act(() => giver.page.locator('[data-testid="card-template"][data-template="thanks"]').click());
    await actions.act(() => giver.page.getByTestId('card-text').fill('Thanks for everything, Rami! Coffee is on me.'));
    await actions.act(() => giver.page.getByTestId('gift-pay').click());
    await giver.page.getByTestId('gift-done').waitFor();
    const wallMs = Date.now() - started;
    console.log(JSON.stringify({ flow: 'gift', actions: actions.count, wallMs }));
    expect(actions.count).toBeLessThanOrEqual(6);

    // The friend's open chat shows the gift as it arrives, with its card; they open it and accept.
    const bubble = friend.page.getByTestId('gift-bubble').filter({ hasText: PRODUCT });
    await bubble.waitFor({ timeout: 15_000 });
    expect(await bubble.getByTestId('gift-card').getAttribute('data-template')).toBe('thanks');
    expect(await bubble.textContent()).toContain('Thanks for everything, Rami!');
    await bubble.getByTestId('gift-open').click();
    await friend.page.getByTestId('gift-accept').click();
    await friend.page.getByTestId('coupon-panel').waitFor();
    await friend.page.keyboard.press('Escape');

    // The PIN the friend's gift box shows.
    await friend.page.goto(`${suite.server.url}/gifts`);
    const coupon = friend.page.locator(`[data-testid="coupon-row"][data-product-name="${PRODUCT}"]`);
    await coupon.waitFor();
    const pin = await coupon.getAttribute('data-pin');
    expect(pin).toMatch(/^\d{12}$/);

    // At the counter, on a tablet: the staff logs in to the store console, looks the PIN up and redeems it.
    const counter = await suite.logIn(staff, { next: '/store', viewport: { width: 1024, height: 768 } });
    const store = counter.page;
    await expect.poll(() => store.getByTestId('store-name').textContent()).toBe(STORE);
    await store.getByTestId('store-pin').fill(pin!);
    await store.getByTestId('store-lookup').click();
    await expect.poll(() => store.getByTestId('store-product').textContent()).toContain(PRODUCT);
    await store.getByTestId('store-redeem').click();
    const result = store.getByTestId('store-result');
    await result.waitFor();
    expect(await result.getByTestId('store-status').textContent()).toBe(en.gifts.couponStatus.used);

    // Redeeming it again is refused with its own message.
    await store.getByTestId('store-next').click();
    await store.getByTestId('store-pin').fill(pin!);
    await store.getByTestId('store-lookup').click();
    await expect.poll(() => store.getByTestId('store-status').textContent()).toBe(en.gifts.couponStatus.used);
    await expect.poll(() => store.getByTestId('error-message').textContent()).toBe(en.errors.coupon_used);

    // The seller statement has the redemption, and the fee the ledger recorded: none.
    await store.getByTestId('store-nav-statement').click();
    await store.getByTestId('statement-row').filter({ hasText: PRODUCT }).waitFor();
    expect(await store.getByTestId('statement-fee').textContent()).toBe(`${en.store.feesPaid}₩0`);
    expect(await store.getByTestId('statement-gross').textContent()).toContain('₩4,500');

    // The friend's gift box now has it under used.
    await friend.page.reload();
    await friend.page.getByTestId('box-tab-used').click();
    await friend.page.locator(`[data-testid="coupon-row"][data-product-name="${PRODUCT}"]`).waitFor();
  });
});
