import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLibreTranslateStandIn, type LibreTranslateStandIn } from '../../server/test/support/libretranslate-standin';
import { id } from '../../web/src/i18n/id';
import { ja } from '../../web/src/i18n/ja';
import { ko } from '../../web/src/i18n/ko';
import { browserAvailable, browserSuite, signUpInBrowser } from './support/harness';

// Four people on one server whose translator is a LibreTranslate stand-in: it "translates" by putting the target
// language in front (`[ko] こんにちは`), so each reader's view says which language it was translated into.

describe.skipIf(!browserAvailable())('OpenLink in the browser', () => {
  const env: Record<string, string> = {};
  let standIn: LibreTranslateStandIn | undefined;
  // Runs before the suite's own beforeAll, which reads `env` when it starts the server.
  beforeAll(async () => {
    standIn = await startLibreTranslateStandIn();
    env.TRANSLATE_URL = standIn.url;
  });
  const suite = browserSuite({ env });
  afterAll(async () => {
    await standIn?.close();
  });

  const person = async (handle: string, name: string, locale: string) =>
    suite.people.track(await signUpInBrowser(suite.browser, suite.server.url, handle, name, { locale }));
  const bubble = (page: Page, text: string) => page.getByTestId('message-bubble').filter({ hasText: text });
  const languageName = (code: string, reader: string) => new Intl.DisplayNames([reader], { type: 'language' }).of(code)!;
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

  async function say(page: Page, text: string): Promise<void> {
    await page.getByTestId('composer-input').fill(text);
    await page.getByTestId('composer-send').click();
    await expect.poll(() => bubble(page, text).getAttribute('data-seq'), { timeout: 10_000 }).toBeTruthy();
  }

  async function joinFromRoomPage(page: Page, profile: { nickname?: string } = {}): Promise<void> {
    await page.getByTestId('open-join').click();
    if (profile.nickname) {
      await page.getByTestId('profile-open').check();
      await page.getByTestId('profile-nickname').fill(profile.nickname);
    }
    await page.getByTestId('join-submit').click();
    await page.waitForURL(/\/chats\/room_/);
    await page.getByTestId('composer-input').waitFor();
  }

  it('people who read Korean, Japanese and Indonesian find a room, talk in their languages and read each other; a co-host hides a message and takes a member out for good', async () => {
    const suffix = Date.now().toString(36).slice(-5);

    // The host opens a room for three languages, tagged so people can find it.
    const host = await person(`host${suffix}`, 'Hana Host', 'en-US');
    await host.page.goto(`${suite.server.url}/openlink`);
    await host.page.getByTestId('open-create').click();
    await host.page.getByTestId('create-name').fill('Webtoon Lounge');
    await host.page.getByTestId('create-description').fill('Talk about this week’s episodes, in any language.');
    await host.page.getByTestId('create-tags').fill('webtoon fantasy');
    const languageChip = (code: string) => host.page.getByTestId('create-languages').locator('label', { has: host.page.locator(`[data-lang="${code}"]`) });
    for (const code of ['ko', 'ja', 'id', 'en']) await languageChip(code).click();
    expect(await host.page.locator('[data-testid="create-language"]:checked').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-lang')))).toEqual(['ko', 'ja', 'id']);
    await host.page.getByTestId('create-submit').click();
    await host.page.waitForURL(/\/chats\/room_/);
    const roomId = new URL(host.page.url()).pathname.split('/').pop()!;
    await host.page.getByTestId('composer-input').waitFor();

    // Korean: finds it by searching its name, joins as their main profile.
    const minji = await person(`minji${suffix}`, 'Minji Kim', 'ko-KR');
    await minji.page.goto(`${suite.server.url}/openlink`);
    await minji.page.getByTestId('open-search').fill('Webtoon');
    const found = minji.page.getByTestId('open-results').locator(`[data-testid="open-room-card"][data-room-id="${roomId}"]`);
    await found.locator('.open-card-main').click();
    await minji.page.getByTestId('open-room-name').waitFor();
    expect(await minji.page.getByTestId('room-qr-code').getAttribute('data-value')).toMatch(/\/open\/[0-9a-z]{10}$/);
    await joinFromRoomPage(minji.page);

    // Japanese: taps the room's #webtoon tag in the trending list, finds it on the tag page, joins under a nickname.
    const sakura = await person(`sakura${suffix}`, 'Sakura Ito', 'ja-JP');
    await sakura.page.goto(`${suite.server.url}/openlink`);
    await sakura.page.getByTestId('open-trending').locator(`[data-testid="open-room-card"][data-room-id="${roomId}"] [data-testid="room-tag"][data-tag="webtoon"]`).click();
    await sakura.page.waitForURL(/\/openlink\/tags\/webtoon$/);
    await sakura.page.getByTestId('open-tag-results').locator(`[data-testid="open-room-card"][data-room-id="${roomId}"] .open-card-main`).click();
    await joinFromRoomPage(sakura.page, { nickname: 'Sakura' });

    // Indonesian: searches by the tag's word, joins as their main profile.
    const budi = await person(`budi${suffix}`, 'Budi Santoso', 'id-ID');
    await budi.page.goto(`${suite.server.url}/openlink`);
    await budi.page.getByTestId('open-search').fill('Lounge');
    await budi.page.getByTestId('open-results').locator(`[data-testid="open-room-card"][data-room-id="${roomId}"] .open-card-main`).click();
    await joinFromRoomPage(budi.page);

    // Each writes in their own language.
    const words = { ko: '안녕하세요 여러분', ja: 'こんにちは、みなさん', id: 'Halo semua, salam kenal' } as const;
    await say(minji.page, words.ko);
    await say(sakura.page, words.ja);
    await say(budi.page, words.id);

    // Each reads the others in their own language, said to be a translation from the writer's language, and their own
    // words as written.
    const readers = [
      { page: minji.page, lang: 'ko', messages: ko },
      { page: sakura.page, lang: 'ja', messages: ja },
      { page: budi.page, lang: 'id', messages: id },
    ] as const;
    for (const reader of readers) {
      for (const [writer, text] of Object.entries(words)) {
        if (writer === reader.lang) {
          const own = bubble(reader.page, text);
          await expect.poll(() => own.getByTestId('message-text').textContent(), { timeout: 15_000 }).toBe(text);
          expect(await own.getByTestId('message-lang').getAttribute('data-lang')).toBe(writer);
          continue;
        }
        const translated = `[${reader.lang}] ${text}`;
        const theirs = bubble(reader.page, text);
        await expect.poll(() => theirs.getByTestId('message-text').textContent(), { timeout: 15_000 }).toBe(translated);
        expect(await theirs.getByTestId('message-lang').getAttribute('data-lang')).toBe(writer);
        expect(await theirs.getByTestId('translation-note').textContent()).toContain(
          fill(reader.messages.openlink.translate.from, { language: languageName(writer, reader.lang) }),
        );
      }
    }

    // Everyone is named as they chose to be in this room.
    await expect.poll(() => bubble(minji.page, words.ja).locator('.msg-name').textContent()).toBe('Sakura');
    await expect.poll(() => bubble(minji.page, words.id).locator('.msg-name').textContent()).toBe('Budi Santoso');
    await expect.poll(() => bubble(budi.page, words.ko).locator('.msg-name').textContent()).toBe('Minji Kim');

    // A tap shows the original, another the translation again.
    const inKorean = bubble(minji.page, words.ja);
    await inKorean.getByTestId('translation-toggle').click();
    await expect.poll(() => inKorean.getByTestId('message-text').textContent()).toBe(words.ja);
    expect(await inKorean.getByTestId('translation-toggle').textContent()).toBe(ko.openlink.translate.showTranslation);
    await inKorean.getByTestId('translation-toggle').click();
    await expect.poll(() => inKorean.getByTestId('message-text').textContent()).toBe(`[ko] ${words.ja}`);

    // The host makes Sakura a co-host who may hide messages and take people out.
    await host.page.getByTestId('room-menu').click();
    await host.page.locator('[data-testid="open-member"][data-name="Sakura"] .row-main').click();
    await host.page.getByTestId('member-cohost').click();
    await host.page.getByTestId('cohost-save').click();
    await host.page.getByTestId('rights-sheet').waitFor({ state: 'detached' });
    await host.page.keyboard.press('Escape');
    await host.page.getByTestId('room-info').waitFor({ state: 'detached' });

    // Sakura hides Budi's message for everyone.
    await bubble(sakura.page, words.id).getByTestId('message-text').click({ button: 'right' });
    await sakura.page.getByTestId('menu-hide').click();
    await sakura.page.getByRole('alertdialog').getByRole('button', { name: ja.openlink.moderation.hide }).click();
    for (const page of [minji.page, sakura.page, budi.page, host.page]) {
      await expect.poll(() => bubble(page, words.id).count(), { timeout: 10_000 }).toBe(0);
    }
    expect(await minji.page.getByTestId('message-bubble').filter({ hasText: ko.chat.deleted }).count()).toBe(1);

    // Then takes Budi out of the room.
    await sakura.page.getByTestId('room-menu').click();
    await sakura.page.locator('[data-testid="open-member"][data-name="Budi Santoso"] .row-main').click();
    await sakura.page.getByTestId('member-kick').click();
    await sakura.page.getByRole('alertdialog').getByRole('button', { name: ja.openlink.members.kick }).click();
    await sakura.page.getByTestId('member-sheet').waitFor({ state: 'detached' });
    await expect.poll(() => sakura.page.locator('[data-testid="open-member"][data-name="Budi Santoso"]').count(), { timeout: 10_000 }).toBe(0);

    // Budi is out, and asking to come back is refused with a plain sentence.
    await budi.page.goto(`${suite.server.url}/openlink/rooms/${roomId}`);
    await budi.page.getByTestId('open-join').click();
    await budi.page.getByTestId('join-submit').click();
    await expect.poll(() => budi.page.getByTestId('join-sheet').getByTestId('error-message').textContent(), { timeout: 10_000 }).toBe(id.errors.banned_from_room);
    await budi.page.goto(`${suite.server.url}/chats/${roomId}`);
    await budi.page.getByText(id.chat.roomMissing).waitFor();

    // The moderation log tells everyone left in the room what happened, in their language.
    await minji.page.getByTestId('room-menu').click();
    await minji.page.getByTestId('open-moderation-log').click();
    const log = minji.page.getByTestId('moderation-entry');
    await expect.poll(() => log.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')))).toEqual(['kick', 'hide', 'cohost']);
  }, 120_000);
});
