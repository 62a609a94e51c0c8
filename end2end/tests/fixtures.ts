// The `page` every test uses: in the hydrated project it waits, after each navigation, until the
// front end is done with the page (its islands woken, `html[data-hydrated]`), and any console
// error (a CSP violation, a hydration panic) fails the test.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use, info) => {
    const hydrated = info.project.use.javaScriptEnabled !== false;
    const errors: string[] = [];
    if (hydrated) {
      // Chromium logs every 4xx answer as a console error, also the expected ones (a 422 for a
      // refused form, the 404 page); failed assets are caught by the response listener instead.
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          errors.push(message.text());
        }
      });
      page.on('response', (response) => {
        const kind = response.request().resourceType();
        if (['stylesheet', 'script', 'image', 'font'].includes(kind) && response.status() >= 400) {
          errors.push(`${response.status()} for ${kind} ${response.url()}`);
        }
      });
      page.on('pageerror', (error) => errors.push(error.message));
      // Pages of the app carry the islands loader; refusals made before the app (the 403 of the
      // access table) are plain HTML and have nothing to hydrate.
      page.on('load', async () => {
        if ((await page.locator('script[type=module]').count().catch(() => 0)) === 0) return;
        await page.locator('html[data-hydrated]').waitFor({ timeout: 15_000 }).catch(() => {
          errors.push(`not hydrated: ${page.url()}`);
        });
      });
    }
    await use(page);
    if (hydrated) {
      if ((await page.locator('script[type=module]').count()) > 0) {
        await page.locator('html[data-hydrated]').waitFor({ timeout: 15_000 });
      }
      expect(errors, 'console errors').toEqual([]);
    }
  },
});

export { expect };
