import { test, expect } from './fixtures';
import { demoPassword, expectAccessible, expectLandedOn, logIn, open, pageAs } from './helpers';
import type { Page } from '@playwright/test';

const RESIDENT = 'inwoner@duinwijk.example';
const DESK = 'loket@duinwijk.example';

async function openCaseAtDesk(page: Page, title: string) {
  await open(page, '/beheer/duinwijk/loket');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
}

async function openOwnCase(page: Page, title: string) {
  await open(page, '/account');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
}

async function sendDeskMessage(page: Page, text: string, kind: RegExp) {
  await page.getByLabel('Bericht aan de initiatiefnemer').fill(text);
  await page.getByLabel(kind).check();
  await page.getByRole('button', { name: 'Bericht versturen' }).click();
  await expectLandedOn(page.locator('#berichten'));
  await expect(page.locator('.case-message__body').filter({ hasText: text })).toBeVisible();
}

test('a resident brings in an initiative and follows it while the desk acknowledges, asks and answers', async ({ browser }, info) => {
  const title = `Buurtbieb in de bushalte (${info.project.name} ${Date.now()})`;
  // The resident and the desk each keep their own browser, as they would.
  const page = await pageAs(browser, RESIDENT);
  const desk = await pageAs(browser, DESK);
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Initiatief, idee of vraag inbrengen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Initiatief, idee of vraag inbrengen' })).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await expectAccessible(page);

  // Nothing is chosen for the resident about being public.
  await expect(page.getByRole('radio', { name: /Ja, laat het zien/ })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: /Nee, alleen het loket/ })).not.toBeChecked();
  // Without a title the form comes back at the summary, in the field's own words, with every
  // problem linked and the text kept.
  const description = 'Een kastje met boeken in de oude bushalte, door buren bijgehouden.';
  await page.getByLabel('Beschrijving').fill(description);
  await page.getByRole('button', { name: 'Insturen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Geef je initiatief een titel.' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Kies of je initiatief in het openbare overzicht mag.' })).toBeVisible();
  await expect(page.locator('#veld-title-fout')).toHaveText('Geef je initiatief een titel.');
  await expect(page.getByLabel('Beschrijving')).toHaveValue(description);
  await summary.getByRole('link', { name: 'Kies of je initiatief in het openbare overzicht mag.' }).click();
  await expect(page.getByRole('radio', { name: /Ja, laat het zien/ })).toBeFocused();

  await page.getByRole('radio', { name: /Ja, laat het zien/ }).check();
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Over welk gebied gaat het?').selectOption({ label: 'Zeedorp' });
  await page.getByLabel('Advies').check();
  await page.getByRole('button', { name: 'Insturen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Je zaaknummer is DU-\d{4}-\d{4}/ })).toBeVisible();
  await expect(page.locator('.case-status')).toHaveText('Ontvangen');
  await expect(page.getByText(/Het loket laat uiterlijk .* weten dat je zaak is bekeken/)).toBeVisible();
  const toDo = page.getByRole('region', { name: 'Wat moet je nu doen?' });
  await expect(toDo).toContainText('Je hoeft nu niets te doen.');
  await expectAccessible(page);

  // The desk confirms, writes an internal note and asks something: the clock stops.
  await openCaseAtDesk(desk, title);
  await expectAccessible(desk);
  await desk.getByRole('button', { name: 'Bevestigen dat het is bekeken' }).click();
  await expect(desk.getByRole('status').filter({ hasText: 'Gelukt. De zaak staat nu op: Bekeken.' })).toBeVisible();
  await expect(desk.locator('.case-status')).toHaveText('Bekeken');
  // The clock's words speak to the officer, not as if they were the resident.
  await expect(desk.getByText('het loket wacht op jouw antwoord')).toHaveCount(0);
  await desk.getByLabel('Nieuwe notitie').fill('Intern: eerst navragen bij de vervoerder.');
  await desk.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(desk.locator('.case-message--note')).toContainText('Intern: eerst navragen');
  await sendDeskMessage(desk, 'Welke bushalte bedoel je precies?', /Een vraag aan de initiatiefnemer/);
  await expect(desk.locator('.case-status')).toHaveText('Wacht op antwoord van de initiatiefnemer');

  // The resident reads the question, sees the clock stand still, and answers.
  // The question comes first on the page, with the way to answer it.
  await openOwnCase(page, title);
  await expect(toDo).toBeInViewport();
  await expect(toDo.getByText('Welke bushalte bedoel je precies?')).toBeVisible();
  await expect(page.locator('.case-message__body').filter({ hasText: 'Welke bushalte bedoel je precies?' })).toBeVisible();
  await expect(page.getByText(/De klok staat stil/)).toBeVisible();
  await expect(page.getByText('Intern: eerst navragen')).toHaveCount(0);
  await toDo.getByRole('link', { name: 'Beantwoord de vraag' }).click();
  await expect(page.getByLabel('Jouw bericht aan het loket')).toBeInViewport();
  await page.getByLabel('Jouw bericht aan het loket').fill('De oude halte bij de Zeeweg.');
  await page.getByRole('button', { name: 'Bericht versturen' }).click();
  await expectLandedOn(page.locator('#berichten'));
  await expect(page.locator('.case-message__body').filter({ hasText: 'De oude halte bij de Zeeweg.' })).toBeVisible();
  await expect(page.locator('.case-status')).toHaveText('In behandeling');

  // The desk answers.
  await openCaseAtDesk(desk, title);
  await sendDeskMessage(desk, 'Goed idee. De gemeente zet het kastje neer; jullie houden het bij.', /Het inhoudelijke antwoord/);
  await expect(desk.locator('.case-status')).toHaveText('Beantwoord');

  // The resident reads it all on the case page.
  await openOwnCase(page, title);
  await expect(page.locator('.case-status')).toHaveText('Beantwoord');
  await expect(page.getByText(/^Beantwoord op /)).toBeVisible();
  await expect(page.locator('.case-message')).toHaveCount(3);
  await expect(page.getByRole('list').filter({ hasText: 'Wacht op antwoord van de initiatiefnemer' })).toBeVisible();
  await expectAccessible(page);
  await page.context().close();
  await desk.context().close();
});

test('an overdue case stands out in the desk queue', async ({ page }) => {
  await logIn(page, DESK, demoPassword(DESK));
  await open(page, '/beheer/duinwijk/loket');
  await expect(page.getByRole('heading', { level: 1, name: 'Participatieloket' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Te laat: \d+$/ }).click();
  const row = page.getByRole('row', { name: /Wie beslist over de kap van de lindes\?/ });
  await expect(row).toBeVisible();
  await expect(row.getByText('te laat')).toBeVisible();
  await expect(page.getByLabel('Termijn')).toHaveValue('te-laat');
  await expectAccessible(page);
  await row.getByRole('link', { name: 'Wie beslist over de kap van de lindes?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wie beslist over de kap van de lindes?' })).toBeVisible();
  await expect(page.locator('.badge--late')).toHaveText('te laat');
});

test('the public register shows the norm, the figures per quarter and the council list', async ({ page }) => {
  await open(page, '/polderveen/initiatieven');
  await expect(page.getByRole('heading', { level: 1, name: 'Initiatieven van inwoners' })).toBeVisible();
  const figures = page.getByRole('table', { name: /per kwartaal/ });
  await expect(figures.getByRole('row')).not.toHaveCount(1);
  const council = page.getByRole('region', { name: 'Op de lijst voor de gemeenteraad' });
  await council.getByRole('link', { name: 'Buurtmoestuin Oosthoek' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Buurtmoestuin Oosthoek' })).toBeVisible();
  await expect(page.getByText(/op de lijst voor de gemeenteraad/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in om dit initiatief te steunen.' })).toBeVisible();
  await expectAccessible(page);
});

test('a resident brings an idea into a running trajectory and gets a case number', async ({ page }, info) => {
  const resident = 'inwoner@polderveen.example';
  const title = `Deelfietsen bij de bibliotheek (${info.project.name} ${Date.now()})`;
  await logIn(page, resident, demoPassword(resident));
  await open(page, '/polderveen');
  await page.getByRole('link', { name: 'Mobiliteitsplan 2030' }).first().click();
  await page.getByRole('link', { name: 'Jouw idee voor fiets en bus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jouw idee voor fiets en bus' })).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await expect(page.getByRole('link', { name: 'Een fietsenstalling bij het station' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Beschrijving').fill('Tien deelfietsen, te huur met de bibliotheekpas.');
  await page.getByRole('radio', { name: /Nee, alleen het loket/ }).check();
  await page.getByRole('button', { name: 'Insturen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Je zaaknummer is PO-\d{4}-\d{4}/ })).toBeVisible();
  await expect(page.locator('.case-facts')).toContainText('Idee');
});
