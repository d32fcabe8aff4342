import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addFriendByHandle, browserAvailable, browserSuite } from './support/harness';

describe.skipIf(!browserAvailable())('chat in the browser', () => {
  const suite = browserSuite();
  const person = suite.signUp;

  const addFriend = addFriendByHandle;

  const bubbles = (page: Page, text: string) => page.getByTestId('message-bubble').filter({ hasText: text });

  it('two people chat: the unread count on a bubble goes from 1 to gone when the other reads', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const dana = await person(`dana${suffix}`, 'Dana Oh');
    const eli = await person(`eli${suffix}`, 'Eli Han');
    await addFriend(dana.page, `eli${suffix}`);
    await addFriend(eli.page, `dana${suffix}`);

    // Dana starts a chat from Eli's profile and sends a message.
    await dana.page.locator(`[data-testid="friend-row"][data-handle="eli${suffix}"]`).click();
    await dana.page.getByTestId('start-chat').click();
    await dana.page.getByTestId('composer-input').fill('Hi Eli, coffee later?');
    await dana.page.getByTestId('composer-send').click();
    const sent = bubbles(dana.page, 'Hi Eli, coffee later?');
    await expect.poll(() => sent.getAttribute('data-seq')).toBeTruthy();
    await expect.poll(() => sent.locator('[data-testid="bubble-unread"]').textContent()).toBe('1');

    // Eli sees the new chat in the list, with an unread badge, and opens it.
    await eli.page.getByTestId('tab-chats').click();
    const row = eli.page.getByTestId('chat-row').first();
    await row.waitFor();
    expect(await row.getByTestId('chat-unread-badge').textContent()).toContain('1');
    await row.click();
    await bubbles(eli.page, 'Hi Eli, coffee later?').waitFor();

    // Eli has read it: the 1 on Dana's bubble disappears.
    await expect.poll(() => sent.locator('[data-testid="bubble-unread"]').count(), { timeout: 10_000 }).toBe(0);

    // Eli answers; Dana sees it live.
    await eli.page.getByTestId('composer-input').fill('Sure, 3 pm!');
    await eli.page.getByTestId('composer-send').click();
    await bubbles(dana.page, 'Sure, 3 pm!').waitFor();

    // Offline: Eli types three messages, then comes back. Each arrives exactly once.
    await eli.context.setOffline(true);
    await eli.page.getByTestId('connecting-banner').waitFor({ timeout: 15_000 });
    const offline = ['one while offline', 'two while offline', 'three while offline'];
    for (const text of offline) {
      await eli.page.getByTestId('composer-input').fill(text);
      await eli.page.getByTestId('composer-send').click();
      await expect.poll(() => bubbles(eli.page, text).getAttribute('data-pending')).toBe('true');
    }
    await eli.context.setOffline(false);
    for (const text of offline) {
      await expect.poll(() => bubbles(dana.page, text).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => bubbles(eli.page, text).getAttribute('data-pending'), { timeout: 20_000 }).toBeNull();
    }
    await eli.page.getByTestId('connecting-banner').waitFor({ state: 'detached', timeout: 20_000 });
    // Still once each after a while and after a reload: nothing was sent twice.
    await dana.page.waitForTimeout(1000);
    await dana.page.reload();
    for (const text of offline) await expect.poll(() => bubbles(dana.page, text).count(), { timeout: 10_000 }).toBe(1);
    const seqs = await dana.page.getByTestId('message-bubble').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
