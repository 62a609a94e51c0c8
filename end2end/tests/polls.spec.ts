import { test, expect } from './fixtures';
import { demoPassword, expectAccessible, expectLandedOn, logIn, open } from './helpers';
import type { Page } from '@playwright/test';

const RESIDENT = 'inwoner@duinwijk.example';
const ADMIN = 'beheerder@duinwijk.example';
const YOUTH_POLL = 'Welk ontwerp wordt de nieuwe speeltuin?';

/** The youth poll, found the way a young resident finds it. */
async function openYouthPoll(page: Page) {
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Nieuwe speeltuin Zeedorp' }).first().click();
  await page.getByRole('link', { name: YOUTH_POLL }).click();
  await expect(page.getByRole('heading', { level: 1, name: YOUTH_POLL })).toBeVisible();
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
}

test('a 15-year-old member of the youth panel votes using only the keyboard', async ({ page }, info) => {
  // Each run votes once, so the hydrated and the no-JS run each have their own panel member.
  const young = info.project.name === 'no-js' ? 'jongere2@duinwijk.example' : 'jongere@duinwijk.example';
  await logIn(page, young, demoPassword(young));
  await openYouthPoll(page);
  await expect(page.getByText('Alleen leden van Jongerenpanel Duinwijk mogen stemmen.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^Je stem is geheim/ })).toBeVisible();
  await expectAccessible(page);

  // From the first choice on, only keys: space and arrows choose, Tab moves on, Enter sends.
  await page.getByLabel('Ontwerp A: Het Schip').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Ontwerp B: De Duinen')).toBeChecked();
  // The ranking: each toestel gets a place from its list, by arrow keys.
  for (let place = 1; place <= 4; place++) {
    await page.keyboard.press('Tab');
    for (let i = 0; i < place; i++) await page.keyboard.press('ArrowDown');
  }
  await expect(page.getByLabel('Kabelbaan')).toHaveValue('1');
  await expect(page.getByLabel('Schommels')).toHaveValue('4');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('input[name^="scale"][value="4"]')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type(`Een waterpomp (${info.project.name})`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Stem', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Je stem is geteld' })).toBeVisible();
  // Back at the ballot's place, which has focus and says the vote was counted.
  await expectLandedOn(page.locator('#stem'));
  await expect(page.locator('#stem').getByRole('status')).toContainText('Je stem is geteld');
  await expect(page.getByText('Je hebt gestemd. Dank je wel!')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stem', exact: true })).toHaveCount(0);
  // Results come after closing; the count of voters is public now.
  await expect(page.getByText(/De uitslag komt hier na het sluiten/)).toBeVisible();
  await expect(page.getByText(/Aantal mensen dat online heeft gestemd: \d+/)).toBeVisible();
  await expectAccessible(page);
});

test('an adult is told in plain words why they cannot vote in the youth poll', async ({ page }) => {
  await logIn(page, RESIDENT, demoPassword(RESIDENT));
  await openYouthPoll(page);
  // The panel first: a birth date would not help someone who is not a member.
  await expect(page.getByRole('note').filter({ hasText: 'Dit is alleen voor leden van Jongerenpanel Duinwijk.' })).toBeVisible();
  await expect(page.getByText('bepaalde leeftijd')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Stem', exact: true })).toHaveCount(0);
  await expectAccessible(page);
});

test('the results of a closed poll show as a bar chart with the same numbers in a table', async ({ page }) => {
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Parkeren in Duinwijk-Centrum' }).first().click();
  await page.getByRole('link', { name: 'Hoe lang mag gratis parkeren duren?' }).click();
  await expect(page.getByText(/De peiling is gesloten op/).first()).toBeVisible();
  const chart = page.getByRole('img', { name: /Hoe lang mag je gratis parkeren in het centrum\?/ });
  await expect(chart).toBeVisible();
  const label = (await chart.getAttribute('aria-label'))!;
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Papier of bijeenkomst' }) });
  const row = table.getByRole('row', { name: /Een uur/ });
  const share = (await row.getByRole('cell').last().textContent())!.trim();
  expect(label).toContain(`Een uur ${share}`);
  // The chart's words are text at the page's size on a phone too, not a drawing scaled down.
  const sizes = await chart.locator('.bar-chart__label, .bar-chart__value').evaluateAll((els) =>
    els.map((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().height > 0 ? 1 : 0)));
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
  await expect(page.getByRole('heading', { name: 'Stemmen op papier en bij bijeenkomsten' })).toBeVisible();
  await expect(page.getByText('Stembus in het gemeentehuis')).toBeVisible();
  await expectAccessible(page);
  // The same results as open data.
  const json = await (await page.request.get(page.url().replace(/\/duinwijk\/peilingen\/(\d+).*/, '/api/v1/duinwijk/polls/$1/results'))).json();
  expect(json.questions[0].options.length).toBe(4);
});

test('an administrator makes printable codes for the youth panel', async ({ page }) => {
  await logIn(page, ADMIN, demoPassword(ADMIN));
  await open(page, '/beheer/duinwijk');
  await page.getByRole('link', { name: 'Panels' }).click();
  await page.getByRole('link', { name: 'Jongerenpanel Duinwijk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jongerenpanel Duinwijk' })).toBeVisible();
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await expect(page.getByRole('rowheader', { name: 'Noor' })).toBeVisible();
  await page.getByLabel('Hoeveel codes?').fill('3');
  await page.getByRole('button', { name: 'Codes maken' }).click();
  await expect(page.locator('.code-list li')).toHaveCount(3);
  await expect(page.locator('.code-list code').first()).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.locator('.code-list li').first()).toContainText('/duinwijk/panel-aanmelden');
  await expectAccessible(page);
});

/** A day relative to today, as a date field takes it. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('a project lead puts a poll in a trajectory; a wrong moment is refused and nothing typed is lost', async ({ page }, info) => {
  await logIn(page, 'projectleider@duinwijk.example', demoPassword('projectleider@duinwijk.example'));
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Herinrichting Dorpsplein' }).first().click();
  await page.getByRole('link', { name: 'Peiling toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Peiling toevoegen' })).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await expectAccessible(page);
  const title = `Welke kleur krijgen de bankjes? (${info.project.name} ${Date.now()})`;
  await page.getByLabel('Titel van de peiling').fill(title);
  await page.getByLabel('Open vanaf (datum)').fill(dayFromToday(-1));
  await page.getByLabel('Sluit op (datum)').fill(dayFromToday(-2));
  await page.locator('[name="question_prompt[0]"]').fill('Welke kleur kies je?');
  await page.locator('[name="question_options[0]"]').fill('Groen\nBlauw\nGrijs');
  await page.getByRole('button', { name: 'Peiling opslaan' }).click();
  await expect(page.locator('#veld-closes_on-fout')).toContainText('De einddatum ligt vóór de begindatum');
  await expect(page.getByLabel('Titel van de peiling')).toHaveValue(title);
  await expect(page.locator('[name="question_options[0]"]')).toHaveValue('Groen\nBlauw\nGrijs');
  await page.getByLabel('Sluit op (datum)').fill(dayFromToday(30));
  await page.getByRole('button', { name: 'Peiling opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Blauw' })).toBeVisible();
  await expectAccessible(page);
});

test('a desk officer enters the votes counted at a meeting; they show apart in the results', async ({ page }, info) => {
  await logIn(page, 'loket@duinwijk.example', demoPassword('loket@duinwijk.example'));
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Parkeren in Duinwijk-Centrum' }).first().click();
  await page.getByRole('link', { name: 'Hoe lang mag gratis parkeren duren?' }).click();
  await page.getByRole('link', { name: 'Stemmen op papier invoeren' }).click();
  if (info.project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await expectAccessible(page);
  const where = `Bewonersavond in De Kern (${info.project.name} ${Date.now()})`;
  await page.getByLabel('Hoe zijn de stemmen uitgebracht?').selectOption('meeting');
  await page.getByLabel('Waar is geteld?').fill(where);
  await page.getByLabel('Datum van tellen').fill(dayFromToday(0));
  await page.getByLabel('Een uur').fill('-3');
  await page.getByRole('button', { name: 'Stemmen opslaan' }).click();
  await expect(page.getByLabel('Een uur')).toHaveValue('-3');
  await expect(page.getByText('Vul een heel getal in').first()).toBeVisible();
  await page.getByLabel('Een uur').fill('7');
  await page.getByLabel('Twee uur').fill('2');
  await page.getByRole('button', { name: 'Stemmen opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De stemmen op papier zijn opgeslagen' })).toBeVisible();
  await expect(page.getByText(where)).toBeVisible();

  // Counted wrongly: the officer withdraws the batch with a reason. It stays listed, marked.
  await page.getByRole('link', { name: 'Stemmen op papier invoeren' }).click();
  if (info.project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  const batch = page.getByRole('listitem').filter({ hasText: where });
  await batch.getByRole('button', { name: 'Stemmen intrekken' }).click();
  await expect(batch.getByText('Vul dit veld in')).toBeVisible();
  await batch.getByLabel('Waarom trek je deze stemmen in?').fill('Verkeerd geteld: de stapel van tafel 2 is dubbel geteld.');
  await batch.getByRole('button', { name: 'Stemmen intrekken' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De stemmen zijn ingetrokken' })).toBeVisible();
  const withdrawn = page.getByRole('listitem').filter({ hasText: where });
  await expect(withdrawn).toContainText('Ingetrokken op');
  await expect(withdrawn).toContainText('dubbel geteld');
  await expect(withdrawn.getByRole('button', { name: 'Stemmen intrekken' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Hoe lang mag gratis parkeren duren?' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: where })).toContainText('Ingetrokken op');
});

test('a resident joins the youth panel with a printed code and leaves it again', async ({ page }) => {
  // The administrator prints a code…
  await logIn(page, ADMIN, demoPassword(ADMIN));
  await open(page, '/beheer/duinwijk');
  await page.getByRole('link', { name: 'Panels' }).click();
  await page.getByRole('link', { name: 'Jongerenpanel Duinwijk' }).click();
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await page.getByLabel('Hoeveel codes?').fill('1');
  await page.getByRole('button', { name: 'Codes maken' }).click();
  const code = (await page.locator('.code-list code').first().textContent())!.trim();
  await page.getByRole('button', { name: 'Uitloggen' }).click();

  // …a resident without a birth date types it in and is told what is missing…
  await logIn(page, RESIDENT, demoPassword(RESIDENT));
  await open(page, '/duinwijk/panel-aanmelden');
  await expectAccessible(page);
  await page.getByLabel('Je code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Lid worden' }).click();
  await expect(page.locator('#veld-code-fout')).toContainText('Vul eerst je geboortedatum in');
  // …fills it in on the account page, and joins.
  await open(page, '/account');
  await page.getByLabel('Geboortedatum (mag je leeg laten)').fill('2008-03-01');
  await page.getByRole('button', { name: 'Opslaan' }).last().click();
  await expect(page.getByRole('status').filter({ hasText: 'Je gegevens zijn opgeslagen' })).toBeVisible();
  await open(page, '/duinwijk/panel-aanmelden');
  await page.getByLabel('Je code').fill(code);
  await page.getByRole('button', { name: 'Lid worden' }).click();
  // Told which panel, with the way to its open poll.
  const welcome = page.getByRole('status').filter({ hasText: 'Je bent nu lid van Jongerenpanel Duinwijk.' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('link', { name: 'Welk ontwerp wordt de nieuwe speeltuin?' })).toBeVisible();
  await open(page, '/account');
  await expect(page.locator('.panel-list strong')).toHaveText('Jongerenpanel Duinwijk');
  await expectAccessible(page);
  await page.getByRole('button', { name: /Stoppen met dit panel/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je bent gestopt met het panel' })).toBeVisible();
  // The demo resident has no birth date again, as the other tests expect.
  await page.getByLabel('Geboortedatum (mag je leeg laten)').fill('');
  await page.getByRole('button', { name: 'Opslaan' }).last().click();
  await expect(page.getByRole('status').filter({ hasText: 'Je gegevens zijn opgeslagen' })).toBeVisible();
});
