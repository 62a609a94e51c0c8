import { test, expect } from './fixtures';
import { demoPassword, expectAccessible, logIn } from './helpers';

test('a municipal administrator gives a resident a role and takes it back', async ({ page }) => {
  await logIn(page, 'beheerder@duinwijk.example', demoPassword('beheerder@duinwijk.example'));
  await page.getByRole('link', { name: 'Beheer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beheer' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Gemeente Duinwijk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beheer: Gemeente Duinwijk' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('E-mailadres van de persoon').fill('inwoner@duinwijk.example');
  await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Moderator' });
  await page.getByRole('button', { name: 'Rol geven' }).click();
  await expect(page.getByRole('status')).toContainText('De rollen zijn bijgewerkt');
  const row = page.getByRole('row').filter({ hasText: 'inwoner@duinwijk.example' });
  await expect(row).toContainText('Moderator');
  await expectAccessible(page);

  await row.getByRole('button', { name: 'Rol afnemen' }).click();
  await expect(page.getByRole('status')).toContainText('De rollen zijn bijgewerkt');
  await expect(page.getByRole('row').filter({ hasText: 'inwoner@duinwijk.example' })).toHaveCount(0);
});

test('a resident is refused the administration pages', async ({ page }) => {
  await logIn(page, 'inwoner@duinwijk.example', demoPassword('inwoner@duinwijk.example'));
  await expect(page.getByRole('link', { name: 'Beheer' })).toHaveCount(0);
  const response = await page.goto('/beheer');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
  await expectAccessible(page);
});

test('house-style colours with too little contrast are refused with an explanation', async ({ page }, info) => {
  await logIn(page, 'root@samenspraak.test', demoPassword('root@samenspraak.test'));
  await page.goto('/beheer');
  const slug = `kust-${info.project.name}-${Date.now()}`;
  await page.getByLabel('Naam', { exact: true }).fill('Gemeente Kustdorp');
  await page.getByLabel('Korte naam in het webadres').fill(slug);
  await page.getByLabel('Accentkleur').fill('#f6d32d');
  await page.getByRole('button', { name: 'Gemeente toevoegen' }).click();
  await expect(page.locator('#veld-accent_colour-fout')).toContainText(/te weinig contrast met wit \(1\.\d\d:1\)/);
  await expect(page.getByLabel('Accentkleur')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Korte naam in het webadres')).toHaveValue(slug);
  await expectAccessible(page);

  await page.getByLabel('Accentkleur').fill('#a51d2d');
  await page.getByRole('button', { name: 'Gemeente toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beheer: Gemeente Kustdorp' })).toBeVisible();
  await page.goto('/beheer/outbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Uitgaande e-mail' })).toBeVisible();
  await expectAccessible(page);
});
