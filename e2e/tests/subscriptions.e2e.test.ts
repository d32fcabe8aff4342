import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { topUp } from './support/commerce';
import { actionCounter, browserAvailable, browserSuite, E2E_PASSWORD } from './support/harness';

const suffix = Date.now().toString(36).slice(-5);
const ROOM = `Webtoon Club ${suffix}`;
const TIER = 'Supporter';
const PRICE = 4900;
const POST = 'Episode 13 storyboard: the tower falls in panel four.';
const DAY_MS = 86_400_000;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

describe.skipIf(!browserAvailable())('Room subscriptions in the browser', () => {
  // The server's clock can be moved forward (POST /api/dev/clock), past a month's end; sessions outlast the jump.
  const suite = browserSuite({ env: { MAUM_DEV_CLOCK: '1', SESSION_TTL_DAYS: '365' } });

  async function api<T = Record<string, unknown>>(method: string, route: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(suite.server.url + route, {
      method,
      // A server that stops answering (the clock's scheduler run included) fails the test plainly, not by its timeout.
      signal: AbortSignal.timeout(30_000),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : null,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  const bubble = (page: Page, text: string) => page.getByTestId('message-bubble').filter({ hasText: text });
  const tierCard = (page: Page) => page.locator(`[data-testid="room-subscriptions"] [data-testid="tier-card"][data-tier-name="${TIER}"]`);
  const status = (page: Page) => page.locator('[data-testid="room-subscriptions"] [data-testid="subscription-status"]');

  async function say(page: Page, text: string): Promise<void> {
    await page.getByTestId('composer-input').fill(text);
    await page.getByTestId('composer-send').click();
    await expect.poll(() => bubble(page, text).getAttribute('data-seq'), { timeout: 10_000 }).toBeTruthy();
  }

  /** The receipts chat with Maum Subscriptions, and the card of one event in it. */
  async function receipt(page: Page, event: string) {
    await page.goto(`${suite.server.url}/chats`);
    await page.getByTestId('chat-row').filter({ hasText: 'Maum Subscriptions' }).locator('.row-main').click();
    const card = page.locator(`[data-testid="subscription-card"][data-event="${event}"]`);
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    return card.last();
  }

  async function balance(page: Page): Promise<string> {
    await page.goto(`${suite.server.url}/more/wallet`);
    await expect.poll(() => page.getByTestId('wallet-balance').count()).toBe(1);
    return (await page.getByTestId('wallet-balance').textContent()) ?? '';
  }

  it('a host sells a tier; a reader previews the room, subscribes in a few taps, reads the host’s post, cancels and keeps access to the period’s end, which then ends without a charge while another subscriber renews; the host sees ₩0 in fees', async () => {
    // The host opens a room, says something anyone may preview, and sells a tier.
    const host = await suite.signUp(`host${suffix}`, 'Hana Host');
    await host.page.goto(`${suite.server.url}/openlink`);
    await host.page.getByTestId('open-create').click();
    await host.page.getByTestId('create-name').fill(ROOM);
    await host.page.getByTestId('create-description').fill('Storyboards and early episodes for supporters.');
    await host.page.getByTestId('create-submit').click();
    await host.page.waitForURL(/\/chats\/room_/);
    const roomId = new URL(host.page.url()).pathname.split('/').pop()!;
    await say(host.page, 'Welcome! Episode 12 is out tonight.');

    await host.page.getByTestId('room-menu').click();
    await host.page.getByTestId('open-subscriptions-host').click();
    const newTier = host.page.getByTestId('host-tier-new');
    await newTier.getByTestId('host-tier-name').fill(TIER);
    await newTier.getByTestId('host-tier-price').fill(String(PRICE));
    await newTier.getByTestId('host-tier-perks').fill('Storyboards every week, and a badge.');
    await newTier.getByTestId('host-tier-create').click();
    const created = host.page.locator(`[data-testid="host-subscriptions"] [data-testid="tier-card"][data-tier-name="${TIER}"]`);
    await expect.poll(() => created.getByTestId('tier-price').getAttribute('data-amount')).toBe(String(PRICE));
    await host.page.keyboard.press('Escape');
    await host.page.getByTestId('host-subscriptions').waitFor({ state: 'detached' });

    // And writes a post only subscribers can read.
    await host.page.getByTestId('open-subscriber-posts').click();
    await host.page.getByTestId('subscriber-post-input').fill(POST);
    await host.page.getByTestId('subscriber-post-submit').click();
    await expect.poll(() => host.page.locator('[data-testid="subscriber-post"][data-unlocked="true"]').filter({ hasText: POST }).count()).toBe(1);

    // A reader tops up the wallet, finds the room by searching, and reads its preview before paying.
    const fan = await suite.signUp(`fan${suffix}`, 'Minji Fan');
    await topUp(fan.page, 10_000, '₩10,000');
    await fan.page.goto(`${suite.server.url}/openlink`);
    await fan.page.getByTestId('open-search').fill(ROOM);
    await fan.page.getByTestId('open-results').locator(`[data-testid="open-room-card"][data-room-id="${roomId}"] .open-card-main`).click();
    await fan.page.getByTestId('open-room-name').waitFor();
    await expect.poll(() => fan.page.getByTestId('preview-message').filter({ hasText: 'Episode 12 is out tonight' }).count()).toBe(1);
    await expect.poll(() => fan.page.locator('[data-testid="subscriber-post"]').getAttribute('data-unlocked')).toBe('false');
    expect(await fan.page.getByTestId('subscriber-posts').textContent()).not.toContain(POST);
    expect(await tierCard(fan.page).getByTestId('subscribe-tier').textContent()).toBe(fill(en.subscriptions.subscribe, { price: '₩4,900' }));

    // Subscribing: the tier's button, then Pay on the confirm sheet (which names the price, the month and the wallet).
    const actions = actionCounter();
    await actions.act(() => tierCard(fan.page).getByTestId('subscribe-tier').click());
    const sheet = fan.page.getByTestId('subscribe-sheet');
    expect(await sheet.getByTestId('subscribe-price').textContent()).toBe(fill(en.subscriptions.perMonth, { price: '₩4,900' }));
    expect(await sheet.getByTestId('subscribe-period-end').textContent()).toBeTruthy();
    expect(await sheet.textContent()).toContain(en.subscriptions.confirm.wallet);
    expect(await sheet.getByTestId('profile-main').isChecked()).toBe(true);
    expect(await sheet.getByTestId('subscribe-confirm').textContent()).toBe(fill(en.gifts.send.pay, { price: '₩4,900' }));
    await actions.act(() => sheet.getByTestId('subscribe-confirm').click());
    await fan.page.waitForURL(new RegExp(`/chats/${roomId}$`));
    await fan.page.getByTestId('composer-input').waitFor();
    console.log(JSON.stringify({ flow: 'subscribe', actions: actions.count }));
    expect(actions.count).toBeLessThanOrEqual(4);

    // In the room: the host's post, unlocked; and the subscriber's badge beside their name.
    await say(fan.page, 'Just subscribed, hi everyone!');
    await fan.page.getByTestId('room-menu').click();
    await fan.page.getByTestId('open-subscriber-posts').click();
    const unlocked = fan.page.locator('[data-testid="subscriber-post"][data-unlocked="true"]');
    await expect.poll(() => unlocked.getByTestId('subscriber-post-text').textContent()).toBe(POST);
    await fan.page.keyboard.press('Escape');
    const fanRow = fan.page.locator('[data-testid="open-member"][data-name="Minji Fan"]');
    await expect.poll(() => fanRow.getByTestId('subscriber-badge').getAttribute('data-tier')).toBe(TIER);
    await expect.poll(() => bubble(host.page, 'Just subscribed').getByTestId('subscriber-badge').textContent(), { timeout: 10_000 }).toBe(TIER);

    // The receipt: a 'charged' card from Maum Subscriptions, for the room, the tier and the price; it opens the subscription.
    const charged = await receipt(fan.page, 'charged');
    expect(await charged.getAttribute('data-amount')).toBe(String(PRICE));
    expect(await charged.textContent()).toContain(ROOM);
    await charged.click();
    await fan.page.getByTestId('subscription-page').waitFor();
    await expect.poll(() => fan.page.getByTestId('subscription-status').getAttribute('data-status')).toBe('active');
    const nextCharge = fan.page.getByTestId('subscription-next-charge');
    expect(await nextCharge.getAttribute('data-amount')).toBe(String(PRICE));
    expect(await fan.page.getByTestId('subscription-access').getAttribute('data-access')).toBe('true');
    expect(await balance(fan.page)).toBe('₩5,100');

    // A second subscriber, set up through the API, who keeps theirs and has enough for another month.
    const second = await api<{ token: string }>('POST', '/api/auth/signup', undefined, { handle: `reader${suffix}`, displayName: 'Budi Reader', password: E2E_PASSWORD });
    expect(second.status).toBe(201);
    const token = second.body.token;
    expect((await api('POST', '/api/wallet/top-ups', token, { amount: 20_000 }, { 'idempotency-key': `fund-${suffix}-second` })).status).toBe(201);
    const tiers = await api<{ tiers: Array<{ id: string; name: string }> }>('GET', `/api/open/rooms/${roomId}/subscriptions`, token);
    const tierId = tiers.body.tiers.find((t) => t.name === TIER)!.id;
    expect((await api('POST', `/api/open/rooms/${roomId}/subscriptions`, token, { tierId }, { 'idempotency-key': `sub-${suffix}-second` })).status).toBe(201);

    // The first subscriber cancels from the room's page: nothing more is charged, and access lasts to the period's end.
    await fan.page.goto(`${suite.server.url}/openlink/rooms/${roomId}`);
    await expect.poll(() => status(fan.page).getAttribute('data-status')).toBe('active');
    const periodEnd = (await status(fan.page).getByTestId('subscription-access').getAttribute('data-period-end'))!;
    await status(fan.page).getByTestId('subscription-cancel').click();
    await fan.page.getByRole('alertdialog').getByRole('button', { name: en.subscriptions.cancelSubscription }).click();
    await expect.poll(() => status(fan.page).getAttribute('data-status')).toBe('cancelled');
    const access = status(fan.page).getByTestId('subscription-access');
    expect(await access.getAttribute('data-access')).toBe('true');
    expect(await access.getAttribute('data-period-end')).toBe(periodEnd);
    expect(await access.textContent()).toMatch(/^Access until /);
    expect(await status(fan.page).getByTestId('subscription-next-charge').textContent()).toBe(en.subscriptions.noNextCharge);
    expect(await status(fan.page).getByTestId('subscription-cancel').count()).toBe(0);
    await expect.poll(() => fan.page.locator('[data-testid="subscriber-post"]').getAttribute('data-unlocked')).toBe('true');

    // A month and a bit later (the server's clock moved on, with one run of its scheduler)…
    const moved = await api<{ now: string }>('POST', '/api/dev/clock', undefined, { advanceMs: 32 * DAY_MS });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now)).toBeGreaterThan(Date.parse(periodEnd));

    // …the cancelled subscription has ended, the post is locked again, and nothing was charged.
    await fan.page.goto(`${suite.server.url}/openlink/rooms/${roomId}`);
    await expect.poll(() => status(fan.page).getAttribute('data-status')).toBe('ended');
    expect(await status(fan.page).getByTestId('subscription-access').getAttribute('data-access')).toBe('false');
    await expect.poll(() => fan.page.locator('[data-testid="subscriber-post"]').getAttribute('data-unlocked')).toBe('false');
    expect(await fan.page.getByTestId('subscriber-posts').textContent()).not.toContain(POST);
    expect(await balance(fan.page)).toBe('₩5,100');
    await fan.page.goto(`${suite.server.url}/more/subscriptions`);
    await expect.poll(() => fan.page.locator(`[data-testid="subscription-status"][data-room-id="${roomId}"]`).getAttribute('data-status')).toBe('ended');
    expect(await fan.page.locator('[data-testid="subscription-card"][data-event="renewed"]').count()).toBe(0);

    // The second subscriber was renewed, with a 'renewed' receipt for the price.
    const reader = await suite.logIn(`reader${suffix}`, { next: '/chats' });
    const renewed = await receipt(reader.page, 'renewed');
    expect(await renewed.getAttribute('data-amount')).toBe(String(PRICE));
    const wallet = await api<{ balance: { amount: number } }>('GET', '/api/wallet', token);
    expect(wallet.body.balance.amount).toBe(20_000 - 2 * PRICE);

    // The host's console: the subscribers as they stand now, and not a won in fees.
    await host.page.goto(`${suite.server.url}/chats/${roomId}`);
    await host.page.getByTestId('room-menu').click();
    await host.page.getByTestId('open-subscriptions-host').click();
    await host.page.getByTestId('host-tab-earnings').click();
    const subscriber = (name: string) => host.page.locator(`[data-testid="earnings-subscriber"][data-name="${name}"]`);
    await expect.poll(() => subscriber('Minji Fan').getAttribute('data-status')).toBe('ended');
    expect(await subscriber('Budi Reader').getAttribute('data-status')).toBe('active');
    const fees = host.page.getByTestId('earnings-fees-paid');
    expect(await fees.getAttribute('data-amount')).toBe('0');
    expect(await fees.textContent()).toContain(fill(en.subscriptions.earnings.feesPaid, { amount: '₩0' }));
    expect(await host.page.getByTestId('earnings-charged').textContent()).toContain(`₩${(3 * PRICE).toLocaleString('en-US')}`);

    await host.page.getByTestId('host-tab-payouts').click();
    await expect.poll(() => host.page.getByTestId('payouts-earned').textContent()).toContain(`₩${(3 * PRICE).toLocaleString('en-US')}`);
    expect(await host.page.getByTestId('payouts-fees-paid').getAttribute('data-amount')).toBe('0');
  }, 180_000);

  it('tells a host whose payable went below ₩0, a fan having withdrawn after the payout, why, and how much later earnings make up', async () => {
    const signUp = (handle: string, displayName: string) =>
      api<{ token: string }>('POST', '/api/auth/signup', undefined, { handle, displayName, password: E2E_PASSWORD }).then((res) => res.body.token);
    const host = await signUp(`payer${suffix}`, 'Pia Host');
    const fan = await signUp(`early${suffix}`, 'Eun Fan');
    const room = await api<{ id: string }>('POST', '/api/open/rooms', host, { name: `Night radio ${suffix}`, category: 'music', languages: ['ko'] });
    const tier = await api<{ id: string }>('POST', `/api/open/rooms/${room.body.id}/tiers`, host, { name: 'Listener', price: PRICE, perks: 'Songs first' });
    expect((await api('POST', '/api/wallet/top-ups', fan, { amount: PRICE }, { 'idempotency-key': `fund-${suffix}-early` })).status).toBe(201);
    const subscription = await api<{ id: string }>('POST', `/api/open/rooms/${room.body.id}/subscriptions`, fan, { tierId: tier.body.id }, { 'idempotency-key': `sub-${suffix}-early` });
    expect(subscription.status).toBe(201);
    // The host is paid out the subscription, and the fan then withdraws from it within the 7 days.
    const payout = await api<{ amount: { amount: number } }>('POST', '/api/subscriptions/payouts', host);
    expect(payout.body.amount.amount).toBe(PRICE);
    const refund = await api('POST', `/api/subscriptions/${subscription.body.id}/refund`, fan, undefined, { 'idempotency-key': `refund-${suffix}-early` });
    expect(refund.body).toMatchObject({ status: 'refunded' });

    const hostView = await suite.logIn(`payer${suffix}`, { next: `/chats/${room.body.id}` });
    await hostView.page.getByTestId('room-menu').click();
    await hostView.page.getByTestId('open-subscriptions-host').click();
    await hostView.page.getByTestId('host-tab-payouts').click();
    const shortfall = `₩${PRICE.toLocaleString('en-US')}`;
    await expect.poll(() => hostView.page.getByTestId('payouts-payable').textContent()).toContain(`-${shortfall}`);
    const why = hostView.page.getByTestId('payouts-payable-below-zero');
    expect(await why.textContent()).toBe(fill(en.subscriptions.payouts.payableBelowZero, { amount: shortfall }));
    expect(await why.getAttribute('data-amount')).toBe(String(PRICE));
    expect(await hostView.page.getByTestId('payout-now').isDisabled()).toBe(true);
  }, 60_000);
});
