import { test, expect } from './fixtures';
import { expectAccessible } from './helpers';

test('the home page leads to a municipality, in Dutch by default', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1, name: 'Kies je gemeente' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Gemeente Duinwijk' }).click();
  await expect(page).toHaveURL(/\/duinwijk$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Gemeente Duinwijk' })).toBeVisible();
  await expect(page.getByLabel('Kern of wijk')).toContainText('Zeedorp');
  await expectAccessible(page);
});

test('the skip link and landmarks are there', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Direct naar de inhoud' })).toBeFocused();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
});

test('English can be chosen and is remembered', async ({ page }) => {
  await page.goto('/duinwijk');
  await page.getByRole('link', { name: 'Switch to English' }).click();
  await expect(page).toHaveURL(/\/duinwijk$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'All trajectories' })).toBeVisible();
  // What the municipality wrote stays Dutch, and says so (WCAG 3.1.2).
  const card = page.locator('.trajectory-card').filter({ hasText: 'Herinrichting Dorpsplein' }).first();
  await expect(card.locator('.trajectory-card__title')).toHaveAttribute('lang', 'nl');
  await card.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'nl');
  await expect(page.locator('.prose').first()).toHaveAttribute('lang', 'nl');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your municipality' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Wissel naar Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kies je gemeente' })).toBeVisible();
});

test('an unknown address shows a 404 page', async ({ page }) => {
  const response = await page.goto('/deze-gemeente-bestaat-niet');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' })).toBeVisible();
  await expectAccessible(page);
});

test('pages reflow at 320 pixels wide', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/registreren');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a resident reading a trajectory and its consultation downloads no application code', async ({ page }, info) => {
  const code: string[] = [];
  page.on('request', (request) => {
    if (/\.(js|wasm)$/.test(new URL(request.url()).pathname)) code.push(new URL(request.url()).pathname);
  });
  await page.goto('/duinwijk');
  await page.getByRole('link', { name: 'Herinrichting Dorpsplein' }).first().click();
  // On the phone, the rules in short and the way to take part (until when) come first: the
  // button is on the first two screens, not 3,700 px down.
  await expect(page.getByRole('heading', { name: 'De spelregels in het kort' })).toBeInViewport();
  const takePart = page.locator('.take-part__item').filter({ hasText: 'Reageer op het conceptplan voor het Dorpsplein' });
  await expect(takePart).toContainText(/Reageren kan tot en met \d+ \w+ \d{4}/);
  const button = takePart.getByRole('link', { name: 'Reageer' });
  expect((await button.boundingBox())!.y).toBeLessThan(2 * 844);
  // The planning shows the report on the date the rules promise it.
  const promised = (await page.locator('.rules-short__list dd').last().textContent())!.match(/\d+ \w+ \d{4}/)![0];
  await expect(page.locator('.timeline__milestone').filter({ hasText: 'Verslag' })).toContainText(promised);
  await page.getByRole('link', { name: 'Reageer op het conceptplan voor het Dorpsplein' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reageer op het conceptplan voor het Dorpsplein' })).toBeVisible();
  expect(code, 'script files fetched on resident pages').toEqual([]);
  if (info.project.use.javaScriptEnabled !== false) {
    // The front end is done with these pages, though it had nothing to wake.
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
  }
});
