import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations } from '../support/a11y.js';
import {
  expectMediaFromAll,
  joinAs,
  launchBrowser,
  launchBrowserThatDeniesDevices,
  waitFor,
} from '../support/browser.js';
import { roomUrl, tileInfo } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

describe('the pre-join screen', () => {
  const env = useServerAndBrowser();

  it('shows the camera live, a moving microphone meter, device pickers and who is in the room', async () => {
    const url = roomUrl(env.server.url, 'prejoin-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    await ada.page.getByText('Only you here').waitFor();
    const bo = await joinAs(env.browser, url, { name: 'Bo', stayInLobby: true });
    const { page } = bo;
    await page.getByRole('heading', { name: 'Ready to join?' }).waitFor();
    await page.getByText('Ada is in this meeting.').waitFor();
    await waitFor('the preview to play', () =>
      page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('.prejoin__video video');
        return !!video && !video.hidden && !video.paused && video.videoWidth > 0;
      }),
    );
    const levels = new Set<string>();
    await waitFor('the microphone meter to move', async () => {
      levels.add((await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow')) ?? '');
      return levels.size > 1;
    });
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Bo', 'the remembered name');
    assert.ok((await page.getByLabel('Camera').locator('option').count()) >= 2, 'both fake cameras listed');
    assert.ok((await page.getByLabel('Microphone').locator('option').count()) >= 1);
    assert.ok((await page.getByLabel('Speaker').locator('option').count()) >= 1);
    assert.deepEqual(await axeViolations(page), []);
    await ada.context.close();
    await bo.context.close();
  });

  it('joins with microphone and camera already off, and the others see it at once', async () => {
    const url = roomUrl(env.server.url, 'prejoin-off');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo', stayInLobby: true });
    await bo.page.getByRole('button', { name: 'Turn off microphone' }).click();
    await bo.page.getByRole('button', { name: 'Turn off camera' }).click();
    await bo.page.getByText('Camera is off').waitFor();
    await bo.page.getByRole('button', { name: 'Join now' }).click();
    await waitFor('Ada to see Bo with microphone and camera off', async () => {
      const bo = await tileInfo(ada.page, 'Bo');
      return bo?.label === 'Bo, microphone off, camera off' && bo.videoSize === null;
    });
    await expectMediaFromAll(bo.page, 1);
    assert.equal(await bo.page.getByRole('button', { name: 'Turn on microphone' }).count(), 1);
    await ada.context.close();
    await bo.context.close();
  });

  it('remembers the name on this device, and refuses names that change text direction before joining', async () => {
    const url = roomUrl(env.server.url, 'prejoin-name');
    const cy = await joinAs(env.browser, url, { stayInLobby: true });
    const name = cy.page.getByLabel('Your name');
    await name.fill('Cy\u202Eevil');
    await cy.page.getByText('A name cannot contain characters that change text direction.').waitFor();
    assert.equal(await cy.page.getByRole('button', { name: 'Join now' }).isDisabled(), true);
    await name.fill('  Cy   Young ');
    await cy.page.getByRole('button', { name: 'Join now' }).click();
    await cy.page.getByText('Cy Young (you)').waitFor();
    await cy.page.reload();
    assert.equal(await cy.page.getByLabel('Your name').inputValue(), 'Cy Young');
    await cy.context.close();
  });

  it('says a blocked camera is blocked, notices by itself when it is allowed, and lets the person join', async () => {
    const strict = await launchBrowserThatDeniesDevices();
    try {
      const dee = await joinAs(strict, roomUrl(env.server.url, 'prejoin-denied'), {
        name: 'Dee',
        permissions: [],
        stayInLobby: true,
      });
      const alert = dee.page.getByRole('alert').filter({ hasText: 'Access to your camera and microphone is blocked' });
      await alert.waitFor();
      await dee.page.getByText('Camera blocked').waitFor();
      await alert.getByRole('button', { name: 'Allow camera and microphone' }).waitFor();
      assert.equal(await dee.page.getByRole('button', { name: 'No camera available' }).isDisabled(), true);
      assert.equal(await dee.page.getByRole('button', { name: 'No microphone available' }).isDisabled(), true);
      // Asking again while still blocked changes nothing, and says so again.
      await alert.getByRole('button', { name: 'Allow camera and microphone' }).click();
      await dee.page.getByText('Camera blocked').waitFor();
      // The person allows both in the browser's site settings: no reload, no click, the preview comes.
      await dee.context.grantPermissions(['camera', 'microphone'], { origin: env.server.url });
      await waitFor('the preview, by itself', () =>
        dee.page.evaluate(
          () => (document.querySelector<HTMLVideoElement>('.prejoin__video video')?.videoWidth ?? 0) > 0,
        ),
      );
      await alert.waitFor({ state: 'detached' });
      await dee.page.getByRole('button', { name: 'Turn off microphone' }).waitFor();
      await dee.page.getByRole('button', { name: 'Join now' }).click();
      await dee.page.getByText('Dee (you)').waitFor();
    } finally {
      await strict.close();
    }
  });

  it('explains that camera and microphone need a secure page, and still lets the person join', async () => {
    // An address that is neither https nor localhost: browsers offer no camera or microphone there.
    const insecure = await launchBrowser(['--host-resolver-rules=MAP parley.test 127.0.0.1']);
    try {
      const eve = await joinAs(insecure, `http://parley.test:${env.server.port}/prejoin-insecure`, {
        name: 'Eve',
        stayInLobby: true,
      });
      await eve.page.getByRole('alert').filter({ hasText: 'need a secure page (https:// or localhost)' }).waitFor();
      await eve.page.getByRole('button', { name: 'Join now' }).click();
      await eve.page.getByText('Eve (you)').waitFor();
    } finally {
      await insecure.close();
    }
  });
});
