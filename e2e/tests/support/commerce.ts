import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserSuite } from './harness';

/** The seller console is laid out for a desk, not a phone. */
export const DESK = { width: 1100, height: 900 };

export type SellerTab = 'channel' | 'posts' | 'products' | 'orders' | 'inbox' | 'coupons' | 'settlements' | 'certificates';

export async function sellerTab(page: Page, tab: SellerTab): Promise<void> {
  await page.getByTestId(`seller-nav-${tab}`).click();
}

/**
 * Someone signed in applies from More › Sell on Maum, the operator approves the application from the queue, and
 * the approved seller opens the channel. Leaves the seller on the console.
 */
export async function openShop(
  suite: BrowserSuite,
  seller: Page,
  shop: { operator: string; kind: 'brand' | 'small_business'; business: string; channel: string; description: string },
): Promise<void> {
  await seller.setViewportSize(DESK);
  await seller.getByTestId('tab-more').click();
  await seller.getByTestId('goto-seller').click();
  await seller.locator(`[data-testid="seller-kind"][data-kind="${shop.kind}"]`).check({ force: true });
  await seller.getByTestId('seller-business-name').fill(shop.business);
  await seller.getByTestId('seller-registration').fill('123-45-67890');
  await seller.getByTestId('seller-email').fill('hello@shop.example');
  await seller.getByTestId('seller-phone').fill('010-1234-5678');
  await seller.getByTestId('seller-apply-submit').click();
  await seller.locator('[data-testid="seller-status"][data-status="pending"]').waitFor();

  const op = await suite.logIn(shop.operator, { next: '/more' });
  await op.page.getByTestId('goto-operator').click();
  const application = op.page.locator(`[data-testid="operator-seller"][data-business-name="${shop.business}"]`);
  await application.getByTestId('operator-approve').click();
  await application.waitFor({ state: 'detached' });
  await op.context.close();

  await seller.reload();
  await seller.getByTestId('channel-name-input').fill(shop.channel);
  await seller.getByTestId('channel-description-input').fill(shop.description);
  await seller.getByTestId('channel-category-input').selectOption('living');
  await seller.getByTestId('channel-save').click();
  await seller.getByTestId('seller-view-channel').waitFor();
}

/** Adds a product with one variant from the Products tab, and waits until its stock shows. */
export async function addProduct(seller: Page, product: { name: string; description?: string; variant: string; price: number; stock: number }): Promise<void> {
  await sellerTab(seller, 'products');
  await seller.getByTestId('product-name').fill(product.name);
  if (product.description) await seller.getByTestId('product-description').fill(product.description);
  await seller.getByTestId('variant-name').fill(product.variant);
  await seller.getByTestId('variant-price').fill(String(product.price));
  await seller.getByTestId('variant-stock').fill(String(product.stock));
  await seller.getByTestId('product-create').click();
  const stockRow = seller.locator(`[data-testid="seller-product"][data-product-name="${product.name}"] [data-testid="stock-row"]`);
  await expect.poll(() => stockRow.getByTestId('stock-available').textContent()).toBe(String(product.stock));
}

/** Money for shopping, from the sandbox top-up in More › Wallet. */
export async function topUp(page: Page, amount: 10_000 | 30_000 | 50_000, expectedBalance: string): Promise<void> {
  // The balance is held back a moment, so that the amounts are seen before and after it arrives: they must not move
  // under a finger (or a click) as it does.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/wallet', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId('tab-more').click();
  await page.getByTestId('goto-wallet').click();
  const chip = page.locator(`[data-testid="top-up-amount"][data-amount="${amount}"]`);
  const whileLoading = await chip.boundingBox();
  release();
  await page.getByTestId('wallet-balance').waitFor();
  await page.unroute('**/api/wallet');
  const loaded = await chip.boundingBox();
  expect(Math.abs(loaded!.y - whileLoading!.y), 'the amounts stay where they were when the balance arrives').toBeLessThan(1);
  await chip.click();
  await expect.poll(() => chip.getAttribute('class')).toContain('is-on');
  await page.getByTestId('top-up-submit').click();
  await expect.poll(() => page.getByTestId('wallet-balance').textContent()).toBe(expectedBalance);
}

/** Fills the delivery address form of a checkout or of an accepted gift. */
export async function fillAddress(page: Page, address: { name: string; phone: string; postalCode: string; line1: string; line2?: string }): Promise<void> {
  await page.getByTestId('address-name').fill(address.name);
  await page.getByTestId('address-phone').fill(address.phone);
  await page.getByTestId('address-postalCode').fill(address.postalCode);
  await page.getByTestId('address-line1').fill(address.line1);
  if (address.line2) await page.getByTestId('address-line2').fill(address.line2);
}
