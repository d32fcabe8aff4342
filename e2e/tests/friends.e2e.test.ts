import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { ja } from '../../web/src/i18n/ja';
import { addFriendByHandle, browserAvailable, browserSuite } from './support/harness';

describe.skipIf(!browserAvailable())('friends in the browser', () => {
  const suite = browserSuite();

  it('two people sign up, add each other by handle, and each sees the other in the friend list', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const ahn = { handle: `ahn${suffix}`, name: 'Ahn Seoyeon' };
    const baek = { handle: `baek${suffix}`, name: 'Baek Jiho' };
    const { page: pageA } = await suite.signUp(ahn.handle, ahn.name);
    const { page: pageB } = await suite.signUp(baek.handle, baek.name);

    await addFriendByHandle(pageA, baek.handle);
    // Adding is one-way: Baek sees Ahn under "people who added you" before adding back.
    await pageB.reload();
    await expect.poll(() => pageB.getByTestId('added-me-row').allTextContents()).toContainEqual(expect.stringContaining(ahn.name));
    await addFriendByHandle(pageB, ahn.handle);

    await pageA.reload();
    const rowA = pageA.locator(`[data-testid="friend-row"][data-handle="${baek.handle}"]`);
    const rowB = pageB.locator(`[data-testid="friend-row"][data-handle="${ahn.handle}"]`);
    expect(await rowA.textContent()).toContain(baek.name);
    expect(await rowB.textContent()).toContain(ahn.name);

    // The list is searchable.
    await pageA.getByTestId('friend-search').fill('zzzz-nobody');
    await expect.poll(() => rowA.count()).toBe(0);
    await pageA.getByTestId('friend-search').fill('baek');
    await expect.poll(() => rowA.count()).toBe(1);
  });

  it('switches the interface to Japanese in More, and keeps it after a reload', async () => {
    const { page } = await suite.signUp(`cho${Date.now().toString(36).slice(-5)}`, 'Cho Minseo');
    expect(await page.getByTestId('tab-friends').textContent()).toContain(en.tabs.friends);

    await page.getByTestId('tab-more').click();
    await page.getByTestId('language-select').selectOption('ja');
    await expect.poll(() => page.getByTestId('tab-friends').textContent()).toContain(ja.tabs.friends);
    expect(await page.getByTestId('tab-more').textContent()).toContain(ja.tabs.more);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');

    await page.reload();
    await page.getByTestId('tab-friends').waitFor();
    expect(await page.getByTestId('tab-friends').textContent()).toContain(ja.tabs.friends);
  });

  it('picks the language from the browser: a Korean browser gets Korean', async () => {
    const context = await suite.browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await page.getByTestId('goto-signup').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await context.close();
  });
});
