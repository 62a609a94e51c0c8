import { test, expect } from './fixtures';
import { demoPassword, expectAccessible, mailsTo, uniqueEmail } from './helpers';

test('register, confirm the e-mail address from the mail, log in and log out', async ({ page }, info) => {
  const email = uniqueEmail('anne', info.project.name);
  // Coming from a consultation: afterwards the way back is offered.
  await page.goto('/registreren?next=/duinwijk');
  await expectAccessible(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Naam die anderen zien').fill('Anne');
  await page.getByLabel('Kies een wachtwoord').fill('zomeravond aan zee');
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kijk in je mail' })).toBeVisible();
  // No dead end: where the mail went, what to do without one, and the way back.
  await expect(page.getByRole('status')).toHaveText(`We hebben een e-mail gestuurd naar ${email}.`);
  await expect(page.getByRole('link', { name: 'Terug naar waar je was' })).toHaveAttribute('href', '/duinwijk');
  await expect(page).not.toHaveURL(/anne/); // the address never goes through the address bar
  await expectAccessible(page);
  await expect.poll(async () => (await mailsTo(email)).length, { timeout: 20_000 }).toBe(1);
  await page.getByRole('button', { name: 'Stuur de e-mail opnieuw' }).click();
  await expect(page.getByRole('status')).toHaveText(`We hebben de e-mail nog een keer gestuurd naar ${email}.`);
  await expect.poll(async () => (await mailsTo(email)).length, { timeout: 20_000 }).toBe(2);
  const mail = (await mailsTo(email)).pop()!;
  const link = mail.text.match(/http:\/\/\S+token=[0-9a-f]+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'E-mailadres bevestigen' }).click();
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd');

  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('zomeravond aan zee');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
  await expect(page.getByText('Je bent ingelogd als Anne.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/inloggen\?next=\/account$/);
});

test('a refused form keeps what was typed and says what is wrong, next to the field', async ({ page }, info) => {
  const email = uniqueEmail('bert', info.project.name);
  await page.goto('/registreren');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Naam die anderen zien').fill('Bert');
  await page.getByLabel('Kies een wachtwoord').fill('welkom123456');
  await page.getByRole('button', { name: 'Account maken' }).click();
  // The summary has focus and names the field; the same words stand next to it.
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('alert')).toContainText('Nog niet alles klopt');
  await expect(summary.getByRole('link', { name: /^Kies een wachtwoord: Dit wachtwoord is te makkelijk te raden/ })).toBeVisible();
  const password = page.getByLabel('Kies een wachtwoord');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#veld-password-fout')).toContainText('Dit wachtwoord is te makkelijk te raden');
  await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
  await expect(page.getByLabel('Naam die anderen zien')).toHaveValue('Bert');
  // What was typed came back from the server, not through the address bar (history, logs).
  await expect(page).not.toHaveURL(/bert|Bert/);
  await expectAccessible(page);
});

test('a wrong password is refused without saying whether the account exists', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill('niemand@duinwijk.example');
  await page.getByLabel('Wachtwoord').fill('dit is het niet');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible();
  await expect(page.getByLabel('E-mailadres')).toHaveValue('niemand@duinwijk.example');
  await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
  await expectAccessible(page);
});

test('the account page asks for a login and comes back afterwards', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/inloggen\?next=\/account$/);
  await page.getByLabel('E-mailadres').fill('raadslid@polderveen.example');
  await page.getByLabel('Wachtwoord').fill(demoPassword('raadslid@polderveen.example'));
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
});
