import { test, expect } from './fixtures';
import { expectAccessible, linkFromMail, logIn, register, uniqueEmail } from './helpers';

test('a forgotten password is replaced through a single-use link in the mail', async ({ page }, info) => {
  const email = uniqueEmail('carla', info.project.name);
  await register(page, email, 'Carla', 'het eerste wachtwoord');

  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expectAccessible(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur de link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kijk in je mail' })).toBeVisible();

  const link = await linkFromMail(email, 'Nieuw wachtwoord kiezen');
  await page.goto(link);
  await expectAccessible(page);
  await page.getByLabel('Kies een wachtwoord').fill('kort');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.locator('#veld-password-fout')).toContainText('Je wachtwoord is te kort');
  await page.getByLabel('Kies een wachtwoord').fill('het tweede wachtwoord');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('status')).toContainText('Je nieuwe wachtwoord is opgeslagen');

  await logIn(page, email, 'het tweede wachtwoord');

  await page.goto(link);
  await page.getByLabel('Kies een wachtwoord').fill('het derde wachtwoord');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze link werkt niet meer');
});
