import { test, expect } from './fixtures';
import { expectAccessible, linkFromMail, logIn, mailsTo, open, register, uniqueEmail } from './helpers';
import { readFile } from 'node:fs/promises';

test('a resident sees and downloads their data, then deletes their account and their comment stays as Inwoner', async ({ page }, info) => {
  test.setTimeout(180_000);
  const email = uniqueEmail('vertrekker', info.project.name);
  const stamp = `${info.project.name} ${Date.now()}`;
  const name = `Vera Vertrekker ${stamp}`;
  const password = 'avondwandeling langs de duinen';
  const text = `Meer schaduw op het plein, graag (${stamp}).`;

  await register(page, email, name, password);
  await page.goto(await linkFromMail(email, 'Bevestig je e-mailadres'));
  await page.getByRole('button', { name: 'E-mailadres bevestigen' }).click();
  await logIn(page, email, password);

  // A comment on the demo consultation.
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Herinrichting Dorpsplein' }).first().click();
  await page.getByRole('link', { name: 'Reageer op het conceptplan voor het Dorpsplein' }).click();
  const consultation = new URL(page.url()).pathname;
  await page.getByLabel('Je reactie', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Plaats reactie' }).click();
  await expect(page.locator('article').filter({ hasText: text })).toHaveCount(1);

  // My data: first the password again, then everything, and the same as a file.
  await open(page, '/account');
  await page.getByRole('link', { name: 'Mijn gegevens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Huidige wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Laat mijn gegevens zien' }).click();
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText(email).first()).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download mijn gegevens (JSON)' }).click(),
  ]);
  const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(data.account.email).toBe(email);
  expect(data.account.display_name).toBe(name);
  expect(data.inputs.map((i: { body: string }) => i.body)).toEqual([text]);

  // Leaving: what happens is said first; the confirmation of a moment ago still counts.
  await page.getByRole('link', { name: 'Lees wat er dan gebeurt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je account verwijderen' })).toBeVisible();
  await expect(page.getByText("Je reacties blijven staan, met 'Inwoner' in plaats van je naam.", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Verwijder mijn account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je account is verwijderd' })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  await expect.poll(async () => (await mailsTo(email)).filter((m) => m.subject === 'Je account is verwijderd').length, {
    timeout: 20_000,
  }).toBe(1);

  // The comment stays, as a resident's, without the name.
  await open(page, consultation);
  const comment = page.locator('article').filter({ hasText: text });
  await expect(comment).toContainText('Inwoner (account verwijderd)');
  await expect(page.getByText(name)).toHaveCount(0);

  // The account is gone: signing in with it fails like any unknown address.
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible();
});
