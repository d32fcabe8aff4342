import { describe, expect, it } from 'vitest';
import { addFriendByHandle, browserAvailable, browserSuite } from './support/harness';

describe.skipIf(!browserAvailable())('voice messages and 360° photos in the browser', () => {
  const suite = browserSuite();

  it('one person records a voice message and shares a 360° photo; the other plays it and looks around', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const mina = await suite.signUp(`mina${suffix}`, 'Mina Seo');
    const joon = await suite.signUp(`joon${suffix}`, 'Joon Park');
    await addFriendByHandle(mina.page, `joon${suffix}`);
    await addFriendByHandle(joon.page, `mina${suffix}`);
    await mina.context.grantPermissions(['microphone']);
    await suite.openChatWith(mina.page, `joon${suffix}`);

    // Mina taps the microphone, speaks for two seconds (the browser's test microphone beeps), and sends.
    await mina.page.getByTestId('composer-mic').click();
    const recorder = mina.page.getByTestId('voice-recorder');
    await recorder.waitFor();
    await mina.page.waitForTimeout(2200);
    await recorder.getByTestId('voice-send').click();
    await recorder.waitFor({ state: 'detached' });
    const mine = mina.page.getByTestId('message-bubble').filter({ has: mina.page.getByTestId('voice-message') });
    await expect.poll(() => mine.getAttribute('data-seq'), { timeout: 20_000 }).toBeTruthy();

    // Joon has it in the chat: a waveform and its length, and it plays.
    await suite.openChatWith(joon.page, `mina${suffix}`);
    const voice = joon.page.getByTestId('voice-message').last();
    await voice.waitFor();
    expect(await voice.locator('.voice-time').textContent()).toMatch(/^0:0[2-3]$/);
    const bars = await voice.locator('.voice-bar').evaluateAll((els) => els.map((el) => parseFloat((el as HTMLElement).style.height)));
    expect(bars.length).toBeGreaterThan(20);
    expect(Math.max(...bars)).toBeGreaterThan(50);
    await voice.getByTestId('voice-play').click();
    await expect.poll(() => voice.getAttribute('data-playing'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => voice.locator('.voice-bar.is-played').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // Mina shares a 360° photo from the attach button.
    // An equirectangular photo: exactly 2:1, sky above and ground below, drawn by the browser itself.
    const dataUrl = await mina.page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2048;
      canvas.height = 1024;
      const g = canvas.getContext('2d')!;
      const sky = g.createLinearGradient(0, 0, 0, 1024);
      sky.addColorStop(0, '#2f6fd6');
      sky.addColorStop(0.5, '#bfe0ff');
      sky.addColorStop(0.5, '#3f8f3a');
      sky.addColorStop(1, '#1f4f1a');
      g.fillStyle = sky;
      g.fillRect(0, 0, 2048, 1024);
      for (let i = 0; i < 8; i++) {
        g.fillStyle = `hsl(${i * 45} 80% 50%)`;
        g.fillRect(i * 256 + 64, 380, 128, 200);
      }
      return canvas.toDataURL('image/jpeg', 0.9);
    });
    const sphere = Buffer.from(dataUrl.split(',')[1]!, 'base64');
    await mina.page.getByTestId('composer-file-input').setInputFiles({ name: 'sphere.jpg', mimeType: 'image/jpeg', buffer: sphere });
    const photo = joon.page.getByTestId('message-bubble').filter({ has: joon.page.getByTestId('panorama-badge') });
    await photo.waitFor({ timeout: 20_000 });
    expect(await photo.getByTestId('panorama-badge').textContent()).toBe('360°');

    // Joon opens it in the panorama viewer, drags and zooms; this browser has no VR, so there is no VR button.
    await photo.locator('.media-frame').click();
    const viewer = joon.page.getByTestId('panorama-viewer');
    await viewer.waitFor();
    const stage = viewer.getByTestId('panorama-stage');
    if (await stage.count()) {
      await expect.poll(() => stage.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
      const box = (await stage.boundingBox())!;
      await joon.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await joon.page.mouse.down();
      await joon.page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 30, { steps: 5 });
      await joon.page.mouse.up();
      await joon.page.mouse.wheel(0, -300);
    } else {
      // A browser without WebGL shows the photo flat, and says why.
      await viewer.locator('.panorama-note').waitFor();
    }
    expect(await viewer.getByTestId('panorama-vr').count()).toBe(0);
    await joon.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });
});
