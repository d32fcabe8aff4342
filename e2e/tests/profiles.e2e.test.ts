import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { ko } from '../../web/src/i18n/ko';
import { topUp } from './support/commerce';
import { actionCounter, addFriendByHandle, browserAvailable, browserSuite, runMaum, signUpInBrowser } from './support/harness';

const suffix = Date.now().toString(36).slice(-5);
const ownerHandle = `mina${suffix}`;
const friendHandle = `jae${suffix}`;
const OWNER = 'Mina Park';
const FRIEND = 'Jae Lee';
const TITLE = 'Mina’s birthday';
const WISH = '생일 축하해, 미나! Happy birthday!';

/** A birthday that falls today: today's month and day (in UTC, as Maum counts days) in a leap year, so 29 February exists. */
function birthdayToday(): string {
  return `2000-${new Date().toISOString().slice(5, 10)}`;
}

describe.skipIf(!browserAvailable())('a profile space in the browser', () => {
  const suite = browserSuite({
    // The day's event cards go out on the scheduler's next run: every second here, not every ten.
    env: { SCHEDULER_INTERVAL_SECONDS: '1' },
    // The gift shop's catalogue (birthday picks included) comes with the demo data.
    prepare: (dataDir) => runMaum(dataDir, ['seed']).then(() => undefined),
  });

  it('a decorated space, a birthday card in chat on the day, and celebrating, a wish and a gift from it in at most 6 actions', async () => {
    const owner = await suite.signUp(ownerHandle, OWNER);
    // The friend reads Maum in Korean: every string on the way is in ko.ts.
    const friend = suite.people.track(await signUpInBrowser(suite.browser, suite.server.url, friendHandle, FRIEND, { locale: 'ko-KR' }));
    await addFriendByHandle(owner.page, friendHandle);
    await addFriendByHandle(friend.page, ownerHandle);

    // The friend visits Mina's space from her profile sheet and asks for her event reminders.
    await friend.page.locator(`[data-testid="friend-row"][data-handle="${ownerHandle}"]`).click();
    await friend.page.getByTestId('visit-space').click();
    await expect.poll(() => friend.page.getByTestId('space-name').textContent()).toBe(OWNER);
    await friend.page.getByTestId('space-follow').click();
    await expect.poll(() => friend.page.getByTestId('space-follow').getAttribute('aria-pressed')).toBe('true');
    expect(await friend.page.getByTestId('space-follow').textContent()).toContain(ko.profiles.follow.on);
    // Money for a gift (the shop's first birthday pick is a cake), from the sandbox top-up (not part of the flow).
    await friend.page.goto(`${suite.server.url}/friends`);
    await topUp(friend.page, 50_000, '₩50,000');

    // Mina opens her own space from her row on the Friends tab and decorates it: a theme and a sticker.
    const mine = owner.page;
    await mine.getByTestId('tab-friends').click();
    await mine.getByTestId('my-space-open').click();
    await mine.locator('[data-testid="space-page"][data-owner="true"]').waitFor();
    await mine.getByTestId('decorate-open').click();
    await mine.locator('[data-testid="theme-choice"][data-theme="night"]').click();
    await mine.locator('[data-testid="sticker-add"][data-kind="cake"]').click();
    // Dragged far past the cover's corner, the sticker stops at its edge.
    const sticker = mine.getByTestId('editor-sticker');
    const box = (await sticker.boundingBox())!;
    await mine.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await mine.mouse.down();
    await mine.mouse.move(box.x + 2000, box.y - 2000, { steps: 5 });
    await mine.mouse.up();
    // Polled: on a busy machine the last pointer move can render a moment after the button is released.
    await expect.poll(() => sticker.getAttribute('data-x')).toBe('1');
    await expect.poll(() => sticker.getAttribute('data-y')).toBe('0');
    await mine.getByTestId('decorate-save').click();
    await mine.getByTestId('decorate-sheet').waitFor({ state: 'detached' });
    expect(await mine.getByTestId('space-cover').getAttribute('data-theme')).toBe('night');
    await mine.locator('[data-testid="space-sticker"][data-kind="cake"]').waitFor();

    // A feeling, fading in a day.
    await mine.getByTestId('space-feeling-open').click();
    await mine.locator('[data-testid="feeling-emoji-choice"][data-emoji="🎉"]').click();
    await mine.getByTestId('feeling-input').fill('Birthday week!');
    await mine.getByTestId('feeling-save').click();
    await expect.poll(() => mine.getByTestId('feeling-text').textContent()).toBe('Birthday week!');
    expect(await mine.getByTestId('feeling-fade').textContent()).toBe(en.profiles.feeling.fadesIn_other.replace('{{count}}', '24'));

    // Her birthday, today, shown to friends.
    await mine.getByTestId('space-events-open').click();
    await mine.locator('[data-testid="event-kind"][data-kind="birthday"]').click();
    await mine.getByTestId('event-title').fill(TITLE);
    await mine.getByTestId('event-date').fill(birthdayToday());
    expect(await mine.getByTestId('event-audience').inputValue()).toBe('friends');
    await mine.getByTestId('event-save').click();
    const event = mine.getByTestId('space-event').filter({ hasText: TITLE });
    await event.waitFor();
    expect(await event.getByTestId('day-tag').textContent()).toBe(en.profiles.events.today);
    const eventId = await event.getAttribute('data-event-id');

    // She waits on the Friends tab, where the bell counts what visitors do.
    await mine.goto(`${suite.server.url}/friends`);
    await mine.getByTestId('notices-bell').waitFor();
    expect(await mine.getByTestId('notices-badge').count()).toBe(0);

    // The friend's Friends tab shows the birthday coming up: today.
    await friend.page.goto(`${suite.server.url}/friends`);
    const upcoming = friend.page.locator(`[data-testid="upcoming-event"][data-event-id="${eventId}"]`);
    await upcoming.waitFor({ timeout: 15_000 });
    expect(await upcoming.getByTestId('day-tag').textContent()).toBe(ko.profiles.events.today);

    // On the day, the scheduler posts the card from Maum into the friend's chat.
    await friend.page.getByTestId('tab-chats').click();
    const row = friend.page.getByTestId('chat-row').filter({ hasText: TITLE });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const card = friend.page.locator(`[data-testid="profile-event-card"][data-event-id="${eventId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('profile-event-card-title').textContent()).toBe(TITLE);

    // From the card: the wall, a celebration, a wish, and a gift, counted.
    const actions = actionCounter();
    const started = Date.now();
    const page = friend.page;
    await actions.act(() => card.click());
    await page.locator(`[data-testid="wall-page"][data-event-id="${eventId}"]`).waitFor();
    await actions.act(() => page.locator('[data-testid="celebrate"][data-reaction="party"]').click());
    await expect.poll(() => page.locator('[data-testid="celebrate"][data-reaction="party"]').getAttribute('aria-pressed')).toBe('true');
    await actions.act(() => page.getByTestId('guestbook-text').fill(WISH));
    await actions.act(() => page.getByTestId('guestbook-submit').click());
    await page.getByTestId('guestbook-entry').filter({ hasText: WISH }).waitFor();
    await actions.act(() => page.getByTestId('wall-gift-send').click());
    // The sheet opens ready to pay: a product chosen, the birthday card, for this event.
    await page.getByTestId('gift-pay').waitFor();
    expect(await page.locator('[data-testid="card-template"][data-template="birthday"]').getAttribute('aria-checked')).toBe('true');
    const productName = await page.locator('[data-testid="send-gift-sheet"] form').getAttribute('data-product-name');
    expect(productName).toBeTruthy();
    await actions.act(() => page.getByTestId('gift-pay').click());
    await page.getByTestId('gift-done').waitFor();
    const wallMs = Date.now() - started;
    console.log(JSON.stringify({ flow: 'profile-event', actions: actions.count, wallMs }));
    expect(actions.count).toBeLessThanOrEqual(6);
    await page.getByTestId('gift-done-close').click();
    await expect.poll(() => page.getByTestId('wall-gifts').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('wall-gift').getAttribute('data-sender')).toBe(friendHandle);
    // The strings on the way were Korean.
    expect(await page.getByTestId('wall-celebrations').textContent()).toBe(ko.profiles.wall.celebrated_other.replace('{{count}}', '1'));

    // Mina's bell counted the celebration, the wish and the gift as they came, without a reload.
    await expect.poll(() => mine.getByTestId('notices-badge').textContent(), { timeout: 10_000 }).toBe('3');

    // Her wall shows who celebrated, the wish and the gift with its sender.
    await mine.getByTestId('my-space-open').click();
    await mine.locator(`[data-testid="space-event"][data-event-id="${eventId}"]`).getByTestId('space-event-wall').click();
    await mine.locator('[data-testid="wall-page"][data-owner="true"]').waitFor();
    const celebrator = mine.locator(`[data-testid="wall-celebrator"][data-handle="${friendHandle}"]`);
    await celebrator.waitFor();
    expect(await celebrator.getAttribute('data-reaction')).toBe('party');
    await mine.getByTestId('guestbook-entry').filter({ hasText: WISH }).waitFor();
    const gift = mine.locator(`[data-testid="wall-gift"][data-sender="${friendHandle}"]`);
    expect(await gift.textContent()).toContain(productName!);

    // The notices page lists the three and reads them; the bell is quiet again.
    await mine.goto(`${suite.server.url}/profile/notices`);
    await expect.poll(() => mine.getByTestId('notice').count()).toBe(3);
    expect((await mine.getByTestId('notice').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).sort()).toEqual(['celebration', 'gift', 'guestbook']);
    await mine.goto(`${suite.server.url}/friends`);
    await mine.getByTestId('notices-bell').waitFor();
    await expect.poll(() => mine.getByTestId('notices-bell').getAttribute('data-unread')).toBe('0');

    // "Download my space" saves the whole space as a zip archive.
    await mine.getByTestId('my-space-open').click();
    const [download] = await Promise.all([mine.waitForEvent('download'), mine.getByTestId('space-export').click()]);
    expect(download.suggestedFilename()).toBe('maum-space.zip');
    const archive = await readFile((await download.path())!);
    expect(archive.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(archive.includes(Buffer.from('profile.json'))).toBe(true);
  });
});
