import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GIFT_PAGE_SIZE } from '../../web/src/features/gifts/format';
import { en } from '../../web/src/i18n/en';
import { actionCounter, browserAvailable, browserSuite, E2E_PASSWORD, logInInBrowser, runMaum } from './support/harness';

const suffix = Date.now().toString(36).slice(-5);
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const sizes = [DESK, PHONE] as const;
const sizeName = (size: { width: number; height: number }) => `${size.width}x${size.height}`;
const DEMO_PASSWORD = 'maum-demo-1';
const PRODUCT = 'Americano (Tall)';
const screenshots = path.resolve(import.meta.dirname, '../output/screenshots');

interface Person {
  id: string;
  handle: string;
  name: string;
  token: string;
}

describe.skipIf(!browserAvailable())('Maum on a desk and on a phone', () => {
  // The demo data brings the gift shop, a seller (potter) and a store's staff (barista) for the consoles.
  const suite = browserSuite({ prepare: (dataDir) => runMaum(dataDir, ['seed']).then(() => {}) });

  async function api<T = Record<string, unknown>>(method: string, route: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(suite.server.url + route, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : null,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function person(handle: string, name: string): Promise<Person> {
    const res = await api<{ token: string; user: { id: string } }>('POST', '/api/auth/signup', undefined, { handle, displayName: name, password: E2E_PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.user.id, handle, name, token: res.body.token };
  }

  async function friends(a: Person, b: Person): Promise<string> {
    expect((await api('POST', '/api/friends', a.token, { handle: b.handle })).status).toBe(201);
    expect((await api('POST', '/api/friends', b.token, { handle: a.handle })).status).toBe(201);
    const room = await api<{ id: string }>('POST', '/api/rooms/direct', a.token, { userId: b.id });
    return room.body.id;
  }

  const open = (page: Page, route: string) => page.goto(suite.server.url + route);
  const bubble = (page: Page, text: string) => page.getByTestId('message-bubble').filter({ hasText: text });
  const roomRow = (page: Page, roomId: string) => page.locator(`[data-testid="chat-row"][data-room-id="${roomId}"]`);

  /** A small PNG drawn in the page, put in a DataTransfer as a file: what a drop or a paste carries. */
  function imageTransfer(page: Page, name: string) {
    return page.evaluateHandle(async (fileName) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fee500';
      ctx.fillRect(0, 0, 64, 48);
      ctx.fillStyle = '#3c1e1e';
      ctx.fillRect(16, 12, 32, 24);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], fileName, { type: 'image/png' }));
      return transfer;
    }, name);
  }

  /** The photo arrives once and is acked; the server stores pictures as WebP, so only the name's stem is kept. */
  async function expectImageSent(page: Page, name: string) {
    const stem = name.replace(/\.[^.]*$/, '');
    const sent = page.getByTestId('message-bubble').filter({ has: page.locator(`img[alt^="${stem}."]`) });
    await expect.poll(() => sent.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => sent.getAttribute('data-seq'), { timeout: 20_000 }).toBeTruthy();
  }

  for (const size of sizes) {
    const wide = size.width >= 900;

    it(`chats at ${sizeName(size)}: ${wide ? 'list and room side by side' : 'the room full screen'}, deep links, Back, keys, drop and paste`, async () => {
      const tag = `${size.width}${suffix}`;
      const me = await person(`desk${tag}`, 'Dana Desk');
      const bo = await person(`bo${tag}`, 'Bo Kim');
      const cy = await person(`cy${tag}`, 'Cy Lee');
      const roomBo = await friends(me, bo);
      const roomCy = await friends(me, cy);
      // Both speak first, so both rooms are in the list.
      for (const [who, room] of [[bo, roomBo], [cy, roomCy]] as const) {
        const said = await api('POST', `/api/rooms/${room}/messages`, who.token, { clientMsgId: crypto.randomUUID(), kind: 'text', body: { text: `hi from ${who.name}` } });
        expect(said.status).toBe(200);
      }

      const { page } = await suite.logIn(me.handle, { next: '/chats', viewport: size });
      await roomRow(page, roomBo).waitFor();
      if (wide) {
        // The rail instead of the tab bar, and nothing open yet beside the list.
        await page.getByTestId('chats-split').waitFor();
        await page.getByTestId('split-placeholder').waitFor();
      }

      // Open Bo's room from the list; the address names it.
      await roomRow(page, roomBo).click();
      await page.waitForURL(`**/chats/${roomBo}`);
      await expect.poll(() => page.getByTestId('room-title').textContent(), { timeout: 15_000 }).toBe('Bo Kim');
      expect(await roomRow(page, roomCy).isVisible()).toBe(wide);
      expect(await page.getByTestId('tab-chats').count()).toBe(wide ? 1 : 0);

      // Keys: Enter sends; Shift+Enter starts a new line in the same message.
      const input = page.getByTestId('composer-input');
      await input.click();
      await page.keyboard.type('Hello from the keyboard');
      await page.keyboard.press('Enter');
      await expect.poll(() => bubble(page, 'Hello from the keyboard').getAttribute('data-seq'), { timeout: 15_000 }).toBeTruthy();
      expect(await input.inputValue()).toBe('');
      await page.keyboard.type('first line');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('second line');
      expect(await input.inputValue()).toBe('first line\nsecond line');
      expect(await bubble(page, 'second line').count()).toBe(0);
      await page.keyboard.press('Enter');
      const twoLines = bubble(page, 'second line');
      await expect.poll(() => twoLines.getAttribute('data-seq'), { timeout: 15_000 }).toBeTruthy();
      expect(await twoLines.innerText()).toContain('first line\nsecond line');

      // Esc closes a sheet: the room's menu.
      await page.getByTestId('room-menu').click();
      const sheet = page.getByRole('dialog');
      await sheet.waitFor();
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });

      // A file dropped on the room is sent as a photo.
      const dropped = await imageTransfer(page, `dropped-${tag}.png`);
      await page.dispatchEvent('[data-testid="room-page"]', 'dragenter', { dataTransfer: dropped });
      await page.getByTestId('room-drop').waitFor();
      await page.dispatchEvent('[data-testid="room-page"]', 'drop', { dataTransfer: dropped });
      await page.getByTestId('room-drop').waitFor({ state: 'detached' });
      await expectImageSent(page, `dropped-${tag}.png`);

      // An image pasted into the composer, or onto the page with nothing focused, is sent too.
      const pasted = await imageTransfer(page, `pasted-${tag}.png`);
      await input.evaluate((el, data) => el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })), pasted);
      await expectImageSent(page, `pasted-${tag}.png`);
      await input.evaluate((el) => el.blur());
      const pastedOnPage = await imageTransfer(page, `page-${tag}.png`);
      await page.evaluate((data) => document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })), pastedOnPage);
      await expectImageSent(page, `page-${tag}.png`);

      // Switch rooms: beside the list on a desk; through Back to the list on a phone.
      if (wide) {
        await roomRow(page, roomCy).click();
      } else {
        await page.getByTestId('room-back').click();
        await page.waitForURL('**/chats');
        await roomRow(page, roomCy).click();
      }
      await page.waitForURL(`**/chats/${roomCy}`);
      await expect.poll(() => page.getByTestId('room-title').textContent(), { timeout: 15_000 }).toBe('Cy Lee');
      await bubble(page, 'hi from Cy Lee').waitFor();
      await page.getByTestId('composer-input').fill('Hi Cy!');
      await page.getByTestId('composer-send').click();
      await expect.poll(() => bubble(page, 'Hi Cy!').getAttribute('data-seq'), { timeout: 15_000 }).toBeTruthy();

      // The browser's Back returns to where the person was: Bo's room beside the list, or the list on a phone.
      await page.goBack();
      if (wide) {
        await page.waitForURL(`**/chats/${roomBo}`);
        await expect.poll(() => page.getByTestId('room-title').textContent(), { timeout: 15_000 }).toBe('Bo Kim');
        await bubble(page, 'Hello from the keyboard').waitFor();
      } else {
        await page.waitForURL((url) => url.pathname === '/chats');
        await page.getByTestId('chat-list').waitFor();
        expect(await page.getByTestId('room-title').count()).toBe(0);
      }

      // A deep link opens the room straight away, in the same layout.
      await open(page, `/chats/${roomCy}`);
      await expect.poll(() => page.getByTestId('room-title').textContent(), { timeout: 15_000 }).toBe('Cy Lee');
      await bubble(page, 'Hi Cy!').waitFor();
      expect(await roomRow(page, roomBo).count()).toBe(wide ? 1 : 0);
      if (wide) expect(await page.locator(`[data-testid="chat-row"][data-room-id="${roomCy}"] [aria-current="page"]`).count()).toBe(1);
    });
  }

  it('pays for a gift with a short wallet in at most 6 actions: one top-up and one charge, even when Pay is retried', async () => {
    const giver = await person(`giver${suffix}`, 'Gina Kang');
    const friend = await person(`rami${suffix}`, 'Rami Yoon');
    const room = await friends(giver, friend);
    // ₩1,000 in the wallet: ₩3,500 short of the coffee.
    const funded = await api('POST', '/api/wallet/top-ups', giver.token, { amount: 1000 }, { 'idempotency-key': `fund-${suffix}-0001` });
    expect(funded.status).toBe(201);

    const { page } = await suite.logIn(giver.handle, { next: `/chats/${room}`, viewport: DESK });
    await page.getByTestId('composer-input').waitFor();
    const orders: Array<{ headers: Record<string, string>; body: string }> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/gifts') orders.push({ headers: request.headers(), body: request.postData() ?? '' });
    });

    // Counted from the chat: gift button, product, Gift, card, message, and one "Top up and pay".
    const actions = actionCounter();
    await actions.act(() => page.getByTestId('room-gift').click());
    await actions.act(() => page.locator(`[data-testid="product-card"][data-product-name="${PRODUCT}"]`).first().click());
    await expect.poll(() => page.getByTestId('gift-start').textContent(), { timeout: 15_000 }).toContain('Rami Yoon');
    await actions.act(() => page.getByTestId('gift-start').click());
    await actions.act(() => page.locator('[data-testid="card-template"][data-template="thanks"]').click());
    await actions.act(() => page.getByTestId('card-text').fill('Coffee is on me!'));
    const pay = page.getByTestId('gift-pay');
    await expect.poll(() => pay.textContent(), { timeout: 15_000 }).toBe(en.wallet.topUpAndPay.replace('{{amount}}', '₩3,500'));
    expect(await page.getByTestId('top-up-inline-note').textContent()).toContain(en.wallet.sandbox);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `gift-top-up-${sizeName(DESK)}.png`) });
    await actions.act(() => pay.click());
    await page.getByTestId('gift-done').waitFor();
    console.log(JSON.stringify({ flow: 'gift-with-top-up', actions: actions.count }));
    expect(actions.count).toBeLessThanOrEqual(6);

    // One request paid for both, under one key; replaying it (a retry after a lost answer), even several at once,
    // changes nothing.
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(JSON.parse(order!.body)).toMatchObject({ topUp: { amount: 3500 } });
    const key = order!.headers['idempotency-key']!;
    expect(key).toBeTruthy();
    const replays = await page.evaluate(
      async ({ body, key: idempotencyKey, authorization }) => {
        const send = () =>
          fetch('/api/gifts', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, authorization }, body }).then(async (r) => ({
            status: r.status,
            id: ((await r.json()) as { id: string }).id,
          }));
        return Promise.all([send(), send(), send()]);
      },
      { body: order!.body, key, authorization: order!.headers.authorization! },
    );
    expect(replays.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(replays.map((r) => r.id)).size).toBe(1);

    const wallet = await api<{ balance: { amount: number } }>('GET', '/api/wallet', giver.token);
    expect(wallet.body.balance.amount).toBe(0);
    const entries = (await api<{ entries: Array<{ kind: string; amount: number }> }>('GET', '/api/wallet/entries', giver.token)).body.entries;
    expect(entries.filter((e) => e.kind === 'top_up').map((e) => e.amount)).toEqual([3500, 1000]);
    expect(entries.filter((e) => e.kind === 'gift_purchase').map((e) => e.amount)).toEqual([-4500]);
    const sent = await api<{ gifts: unknown[] }>('GET', '/api/gifts/sent', giver.token);
    expect(sent.body.gifts).toHaveLength(1);
  });

  it('shows a long gift box and a long list of sent gifts a page at a time, older gifts on request', async () => {
    const giver = await person(`many${suffix}`, 'Mina Park');
    const friend = await person(`lots${suffix}`, 'Lee Seul');
    await friends(giver, friend);
    await api('POST', '/api/wallet/top-ups', giver.token, { amount: 100_000 }, { 'idempotency-key': `fund-${suffix}-0003` });
    const milk = await api<{ products: Array<{ id: string; name: string }> }>('GET', '/api/shop/products?q=Banana%20Milk', giver.token);
    const productId = milk.body.products[0]!.id;
    // One page and one gift more, bought at once.
    const bought = await Promise.all(
      Array.from({ length: GIFT_PAGE_SIZE + 1 }, (_, i) =>
        api('POST', '/api/gifts', giver.token, { productId, recipientIds: [friend.id], card: { template: 'cheer', text: '' } }, { 'idempotency-key': `many-${suffix}-${i}` }),
      ),
    );
    expect(bought.map((r) => r.status)).toEqual(bought.map(() => 201));

    for (const [who, route, row] of [
      [friend, '/gifts', 'coupon-row'],
      [giver, '/gifts?tab=sent', 'sent-row'],
    ] as const) {
      const page = suite.people.track(await logInInBrowser(suite.browser, suite.server.url, who.handle, E2E_PASSWORD, { next: route })).page;
      const rows = page.getByTestId(row);
      await expect.poll(() => rows.count()).toBe(GIFT_PAGE_SIZE);
      await page.getByTestId('older-gifts').click();
      await expect.poll(() => rows.count()).toBe(GIFT_PAGE_SIZE + 1);
      expect(await page.getByTestId('older-gifts').count()).toBe(0);
    }
  });

  /** An order in the demo seller's shop and a redeemed coupon at the demo store, so the consoles' tables have rows. */
  async function consoleRows(): Promise<void> {
    const buyer = await person(`buyer${suffix}`, 'Bora Choi');
    const friend = await person(`holder${suffix}`, 'Hana Seo');
    await friends(buyer, friend);
    await api('POST', '/api/wallet/top-ups', buyer.token, { amount: 100_000 }, { 'idempotency-key': `fund-${suffix}-0002` });

    const channels = await api<{ channels: Array<{ id: string; name: string }> }>('GET', '/api/channels?q=Clay', buyer.token);
    const channel = channels.body.channels[0]!;
    const home = await api<{ products: Array<{ variants: Array<{ id: string }> }> }>('GET', `/api/channels/${channel.id}`, buyer.token);
    const variantId = home.body.products[0]!.variants[0]!.id;
    const address = { name: 'Bora Choi', phone: '010-2222-3333', postalCode: '04790', line1: '12 Seongsu-ro, Seongdong-gu', line2: '' };
    const order = await api<{ id: string }>('POST', '/api/orders', buyer.token, { lines: [{ variantId, quantity: 1 }], address });
    expect(order.status).toBe(201);
    expect((await api('POST', `/api/orders/${order.body.id}/pay`, buyer.token, undefined, { 'idempotency-key': `pay-${suffix}-0001` })).status).toBe(200);

    const coffee = await api<{ products: Array<{ id: string }> }>('GET', `/api/shop/products?q=${encodeURIComponent(PRODUCT)}`, buyer.token);
    const gift = await api<{ gifts: Array<{ id: string }> }>(
      'POST',
      '/api/gifts',
      buyer.token,
      { productId: coffee.body.products[0]!.id, recipientIds: [friend.id], card: { template: 'birthday', text: '' } },
      { 'idempotency-key': `gift-${suffix}-0001` },
    );
    const accepted = await api<{ coupon: { pin: string } }>('POST', `/api/gifts/${gift.body.gifts[0]!.id}/accept`, friend.token);
    const staff = await api<{ token: string }>('POST', '/api/auth/login', undefined, { handle: 'barista', password: DEMO_PASSWORD });
    const redeemed = await api('POST', '/api/store/redemptions', staff.body.token, { pin: accepted.body.coupon.pin }, { 'idempotency-key': `redeem-${suffix}-0001` });
    expect(redeemed.status).toBe(201);
  }

  // Four sign-ins and 13 pages at each of two sizes, each page left to settle: longer than a flow's test.
  it('takes a screenshot of each main page at both sizes', async () => {
    await mkdir(screenshots, { recursive: true });
    await consoleRows();
    for (const size of sizes) {
      const name = sizeName(size);
      const wide = size.width >= 900;
      const shot = async (page: Page, file: string) => {
        // Web fonts and pictures settle, and nothing is mid-animation.
        await page.waitForLoadState('networkidle').catch(() => {});
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(screenshots, `${file}-${name}.png`) });
      };

      const user = await logInInBrowser(suite.browser, suite.server.url, 'minji', DEMO_PASSWORD, { next: '/friends', viewport: size });
      suite.people.track(user);
      const page = user.page;
      await page.getByTestId('friend-row').first().waitFor();
      await shot(page, 'friends');
      // A friend's profile: beside the list on a desk, which stays usable; a sheet over it on a phone.
      await page.getByTestId('friend-row').first().click();
      await page.getByTestId('friend-profile').waitFor();
      expect(await page.getByTestId('friends-split').count()).toBe(wide ? 1 : 0);
      expect(await page.getByTestId('friend-row').first().isVisible()).toBe(true);
      await shot(page, 'friend-profile');
      await page.keyboard.press('Escape');
      await page.getByTestId('friend-profile').waitFor({ state: 'detached' });
      await open(page, '/chats');
      await page.getByTestId('chat-row').first().waitFor();
      await shot(page, 'chats');
      await page.getByTestId('chat-row').first().click();
      await page.getByTestId('composer-input').waitFor();
      await shot(page, 'room');
      await open(page, '/openlink');
      await page.getByTestId('tab-openlink').waitFor();
      await shot(page, 'openlink');
      await open(page, '/shop');
      await page.locator(`[data-testid="product-card"][data-product-name="${PRODUCT}"]`).first().waitFor();
      await shot(page, 'shop');
      await page.locator(`[data-testid="product-card"][data-product-name="${PRODUCT}"]`).first().click();
      await page.getByTestId('product-title').waitFor();
      await shot(page, 'product');
      await open(page, '/more');
      await page.getByTestId('language-select').waitFor();
      await shot(page, 'more');
      await open(page, '/more/wallet');
      await page.getByTestId('top-up-amount').first().waitFor();
      await shot(page, 'wallet');

      const seller = suite.people.track(await logInInBrowser(suite.browser, suite.server.url, 'potter', DEMO_PASSWORD, { next: '/seller/orders', viewport: size }));
      await seller.page.getByTestId('seller-order').first().waitFor();
      expect(await seller.page.getByTestId('seller-order-table').count()).toBe(wide ? 1 : 0);
      await shot(seller.page, 'seller-console');
      if (wide) {
        // A column's header sorts by it, and a second press turns the order round.
        const header = seller.page.locator('th', { has: seller.page.getByTestId('seller-order-table-sort-total') });
        await seller.page.getByTestId('seller-order-table-sort-total').click();
        expect(await header.getAttribute('aria-sort')).toBe('descending');
        await seller.page.getByTestId('seller-order-table-sort-total').click();
        expect(await header.getAttribute('aria-sort')).toBe('ascending');
      }
      const operator = suite.people.track(await logInInBrowser(suite.browser, suite.server.url, 'operator', DEMO_PASSWORD, { next: '/operator', viewport: size }));
      await operator.page.locator('[data-testid="operator-filter"][data-status="approved"]').click();
      await operator.page.getByTestId('operator-seller').first().waitFor();
      await shot(operator.page, 'operator-console');
      const store = suite.people.track(await logInInBrowser(suite.browser, suite.server.url, 'barista', DEMO_PASSWORD, { next: '/store', viewport: size }));
      await store.page.getByTestId('store-pin').waitFor();
      await shot(store.page, 'store-console');
      await store.page.getByTestId('store-nav-statement').click();
      await store.page.getByTestId('statement-row').first().waitFor();
      await shot(store.page, 'store-statement');
    }
  }, 150_000);

  it('gives chips and the language picker tap targets of at least 44×44 px', async () => {
    const { page } = suite.people.track(await logInInBrowser(suite.browser, suite.server.url, 'minji', DEMO_PASSWORD, { next: '/more/wallet', viewport: PHONE }));
    const sizesOf = (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
    const atLeast44 = (boxes: Array<{ w: number; h: number }>) => boxes.length > 0 && boxes.every((b) => b.w >= 44 && b.h >= 44);
    await page.getByTestId('top-up-amount').first().waitFor();
    expect(atLeast44(await sizesOf('[data-testid="top-up-amount"]'))).toBe(true);
    await open(page, '/channels');
    await page.getByTestId('channel-category').first().waitFor();
    expect(atLeast44(await sizesOf('[data-testid="channel-category"]'))).toBe(true);
    await open(page, '/more');
    await page.getByTestId('language-select').waitFor();
    expect(atLeast44(await sizesOf('[data-testid="language-select"]'))).toBe(true);
  });
});
