import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addProduct, fillAddress, openShop, sellerTab, topUp } from './support/commerce';
import { addFriendByHandle, browserAvailable, browserSuite, maumCommand } from './support/harness';

const suffix = Date.now().toString(36).slice(-5);
const operator = `op${suffix}`;
const BUSINESS = 'Hanji Atelier';
const CHANNEL = `Hanji Atelier ${suffix}`;
const PRODUCT = 'Mulberry Paper Lamp';
const SERIAL = `HJ-${suffix.toUpperCase()}-001`;

/** What the verify page shows: its verdict as this browser worked it out, the owner's pseudonym, and the history. */
async function verifyPageState(page: Page) {
  const verdict = page.getByTestId('cert-verdict');
  await verdict.waitFor();
  return {
    verified: await verdict.getAttribute('data-verified'),
    verdict: await verdict.textContent(),
    owner: await page.getByTestId('cert-owner').getAttribute('title'),
    yours: await page.getByTestId('cert-yours').count(),
    history: await page.locator('[data-testid="cert-history"] .cert-event').evaluateAll((events) => events.map((e) => e.getAttribute('data-kind'))),
  };
}

describe.skipIf(!browserAvailable())('a certificate of authenticity in the browser', () => {
  const suite = browserSuite({ operator });
  let downloads: string | undefined;
  afterAll(async () => {
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('is verified in the buyer’s browser after a sale, follows a gift to a friend through chat, and its downloaded bundle passes the offline check', async () => {
    // A brand opens a shop and a product; the operator verifies the product from the evidence the brand sends.
    const seller = await suite.signUp(`hanji${suffix}`, 'Hanji Lee');
    await openShop(suite, seller.page, { operator, kind: 'brand', business: BUSINESS, channel: CHANNEL, description: 'Lamps and stationery in hanji.' });
    await addProduct(seller.page, { name: PRODUCT, description: 'Hand-made in Jeonju.', variant: 'Natural', price: 45_000, stock: 3 });
    const productPath = await seller.page.locator(`[data-testid="seller-product"][data-product-name="${PRODUCT}"] a[href^="/products/"]`).getAttribute('href');
    expect(productPath).toMatch(/^\/products\/itm_/);

    await sellerTab(seller.page, 'certificates');
    await seller.page.getByTestId('certification-product').selectOption({ label: PRODUCT });
    // Two pictures of evidence: any PNG the browser can make will do, such as pictures of the page itself.
    const evidence = await seller.page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 64 } });
    await seller.page.getByTestId('certification-evidence').setInputFiles([
      { name: 'authorisation.png', mimeType: 'image/png', buffer: evidence },
      { name: 'lamp.png', mimeType: 'image/png', buffer: await seller.page.screenshot({ clip: { x: 64, y: 0, width: 64, height: 64 } }) },
    ]);
    await expect.poll(() => seller.page.locator('[data-testid="certification-form"] .image-picker-item').count(), { timeout: 15_000 }).toBe(2);
    await seller.page.getByTestId('certification-note').fill('Letter of authorisation from the Jeonju Hanji Cooperative.');
    await seller.page.getByTestId('certification-submit').click();
    await seller.page.locator('[data-testid="certification-request"][data-status="pending"]').waitFor();

    const op = await suite.logIn(operator, { next: '/more', viewport: { width: 1100, height: 900 } });
    await op.page.getByTestId('goto-operator-certificates').click();
    const request = op.page.getByTestId('certification-item').filter({ hasText: PRODUCT });
    await request.waitFor();
    expect(await request.locator('.cert-evidence img').count()).toBe(2);
    await request.getByTestId('certification-approve').click();
    await request.waitFor({ state: 'detached' });
    await op.context.close();

    // The seller issues a certificate for the one item it has in hand.
    await seller.page.reload();
    await seller.page.locator('[data-testid="certification-request"][data-status="approved"]').waitFor();
    await seller.page.getByTestId('issue-product').selectOption({ label: PRODUCT });
    await seller.page.getByTestId('issue-serials').fill(SERIAL);
    await seller.page.getByTestId('issue-submit').click();
    await seller.page.locator(`[data-testid="issued-certificate"][data-serial="${SERIAL}"]`).waitFor({ timeout: 15_000 });

    // A shopper sees that the product is certified, and buys it.
    const buyer = await suite.signUp(`yuna${suffix}`, 'Yuna Seo');
    await topUp(buyer.page, 50_000, '₩50,000');
    await buyer.page.goto(`${suite.server.url}${productPath}`);
    await buyer.page.getByTestId('product-certification').waitFor();
    expect(await buyer.page.getByTestId('product-certificate').count()).toBe(0);
    await buyer.page.getByTestId('buy-now').click();
    await fillAddress(buyer.page, { name: 'Yuna Seo', phone: '010-2222-3333', postalCode: '03154', line1: '1 Jong-ro, Jongno-gu' });
    await buyer.page.getByTestId('checkout-pay').click();
    await buyer.page.locator('[data-testid="order-page"][data-status="paid"]').waitFor({ timeout: 15_000 });

    // The item's QR code is now on the buyer's product page; scanning it opens the certificate's public page.
    await buyer.page.goto(`${suite.server.url}${productPath}`);
    const tag = buyer.page.locator(`[data-testid="product-certificate"][data-serial="${SERIAL}"]`);
    await tag.waitFor({ timeout: 15_000 });
    const scanned = await tag.getByTestId('product-certificate-qr').getAttribute('data-value');
    expect(scanned).toMatch(new RegExp(`^${suite.server.url}/verify/crt_[0-9a-z]{26}$`));
    await buyer.page.goto(scanned!);
    const sold = await verifyPageState(buyer.page);
    expect(sold).toMatchObject({ verified: 'true', verdict: expect.stringContaining('Verified'), yours: 1, history: ['issue', 'transfer'] });
    expect(sold.owner).toMatch(/^own_[0-9a-f]{64}$/);
    expect(await buyer.page.getByTestId('cert-serial').textContent()).toBe(SERIAL);
    expect(await buyer.page.getByTestId('cert-product').textContent()).toBe(PRODUCT);

    // Anyone can check it, signed in or not; the owner is only a pseudonym.
    const visitor = suite.people.track({ context: await suite.browser.newContext({ locale: 'en-US' }) });
    const stranger = await visitor.context.newPage();
    await stranger.goto(scanned!);
    expect(await verifyPageState(stranger)).toMatchObject({ verified: 'true', owner: sold.owner, yours: 0 });
    await stranger.getByTestId('cert-how').locator('summary').click();
    expect(await stranger.getByTestId('cert-how').textContent()).toContain('inclusion proof was checked against the signed root in this browser');

    // The buyer gives the item to a friend; the page follows the new owner.
    const friend = await suite.signUp(`jun${suffix}`, 'Jun Oh');
    await buyer.page.goto(`${suite.server.url}/friends`);
    await addFriendByHandle(buyer.page, `jun${suffix}`);
    await buyer.page.getByTestId('tab-more').click();
    await buyer.page.getByTestId('goto-certificates').click();
    await buyer.page.locator(`[data-testid="my-certificate"][data-serial="${SERIAL}"]`).getByTestId('cert-give').click();
    await buyer.page.locator(`[data-testid="picker-friend"][data-handle="jun${suffix}"]`).click();
    await buyer.page.getByTestId('cert-give-submit').click();
    await buyer.page.locator(`[data-testid="my-certificate"][data-serial="${SERIAL}"]`).waitFor({ state: 'detached' });

    await stranger.reload();
    const given = await verifyPageState(stranger);
    expect(given).toMatchObject({ verified: 'true', yours: 0, history: ['issue', 'transfer', 'transfer'] });
    expect(given.owner).toMatch(/^own_[0-9a-f]{64}$/);
    expect(given.owner).not.toBe(sold.owner);
    // The friend finds it as a card in their chat with the buyer, and it opens the same page, now theirs.
    await friend.page.getByTestId('tab-chats').click();
    await friend.page.getByTestId('chat-row').filter({ hasText: 'Yuna Seo' }).click();
    const card = friend.page.getByTestId('cert-bubble').filter({ hasText: SERIAL });
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => card.textContent()).toContain('Yuna Seo gave you this item');
    await card.getByTestId('cert-bubble-open').click();
    expect(new URL(friend.page.url()).pathname).toBe(new URL(scanned!).pathname);
    expect(await verifyPageState(friend.page)).toMatchObject({ verified: 'true', owner: given.owner, yours: 1 });

    // The bundle downloaded from the page passes the offline check with the log's key, and fails once altered.
    const key = (await (await fetch(`${suite.server.url}/log/verifier-key`)).text()).trim();
    expect(await stranger.getByTestId('cert-command').textContent()).toContain(key);
    downloads = await mkdtemp(path.join(tmpdir(), 'maum-bundle-'));
    const [download] = await Promise.all([stranger.waitForEvent('download'), stranger.getByTestId('cert-download').click()]);
    const bundlePath = path.join(downloads, download.suggestedFilename());
    await download.saveAs(bundlePath);
    const offline = await maumCommand(['verify', bundlePath, '--key', key]);
    expect(offline.code, offline.stdout + offline.stderr).toBe(0);
    expect(offline.stdout).toMatch(/^ok: 3 entries are in /);

    // The last transfer, rewritten to say the item stayed with the buyer.
    const bundle = JSON.parse(await readFile(bundlePath, 'utf8')) as { entries: Array<{ entry: string }> };
    const altered = path.join(downloads, 'altered.json');
    const last = bundle.entries.at(-1)!;
    last.entry = Buffer.from(Buffer.from(last.entry, 'base64').toString('utf8').replace(given.owner!, sold.owner!)).toString('base64');
    await writeFile(altered, JSON.stringify(bundle));
    const refused = await maumCommand(['verify', altered, '--key', key]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain('FAILED');
  });
});
