import { test, expect } from './fixtures';
import { expectAccessible, mailsTo, open, pageAs } from './helpers';
import type { Page } from '@playwright/test';

const LEAD = 'projectleider@duinwijk.example';
const RESIDENT = 'inwoner@duinwijk.example';
const PARKING = 'Parkeren in Duinwijk-Centrum';
const PHONE_CALL = /laden en lossen moet ook 's middags/;

async function openAnswering(page: Page, filters: Record<string, string> = {}) {
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: PARKING }).first().click();
  await page.getByRole('link', { name: 'Inbreng beantwoorden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Inbreng beantwoorden: ${PARKING}` })).toBeVisible();
  if (Object.keys(filters).length > 0) {
    const query = new URLSearchParams(filters).toString();
    await open(page, `${new URL(page.url()).pathname}?${query}`);
  }
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
}

async function giveAnswer(page: Page, disposition: string, reason: string) {
  await page.getByLabel('Wat gebeurt er mee?').selectOption({ label: disposition });
  await page.getByLabel('Waarom').fill(reason);
  await page.getByRole('button', { name: 'Geef dit antwoord aan de gekozen reacties' }).click();
}

test('a project lead answers every input, is refused publication while one is open, and publishes the report; the resident follows the mail to the answer', async ({ browser }, info) => {
  const lead = await pageAs(browser, LEAD);

  // In the second run the report already exists: taking the phone call out of its group opens
  // one input again, and the publication becomes a corrected version.
  await openAnswering(lead, { kanaal: 'phone' });
  const change = lead.getByRole('link', { name: 'Dit antwoord veranderen' });
  if ((await change.count()) > 0) {
    await change.first().click();
    await expect(lead.getByRole('heading', { level: 1, name: 'Antwoord veranderen' })).toBeVisible();
    await lead.locator('.answer-row').filter({ hasText: PHONE_CALL }).getByRole('button', { name: 'Haal uit deze groep' }).click();
  }

  await openAnswering(lead, { status: 'open' });
  await expectAccessible(lead);
  await expect(lead.getByRole('status').filter({ hasText: /Beantwoord: \d+ van de \d+/ })).toBeVisible();
  // Nothing ticked: refused at the list, the reason kept.
  const reason = `Laden en lossen kan voortaan tot 14.00 uur; gratis parkeren blijft er niet (${info.project.name}).`;
  await giveAnswer(lead, 'Deels overgenomen', reason);
  await expect(lead.locator('#veld-chosen-fout')).toHaveText('Kies eerst een of meer reacties om te beantwoorden.');
  await expect(lead.getByLabel('Waarom')).toHaveValue(reason);

  // The fields of one disposition show only while it is chosen, with or without script.
  const fixedItem = lead.getByLabel('Vast punt uit de spelregels');
  const department = lead.getByLabel('Doorgestuurd naar afdeling');
  await expect(fixedItem).toBeHidden();
  await expect(department).toBeHidden();
  await lead.getByLabel('Wat gebeurt er mee?').selectOption({ label: 'Valt buiten de ruimte' });
  await expect(fixedItem).toBeVisible();
  await expect(department).toBeHidden();
  await lead.getByLabel('Wat gebeurt er mee?').selectOption({ label: 'Doorgestuurd' });
  await expect(fixedItem).toBeHidden();
  await expect(department).toBeVisible();

  // Every open input but the phone call gets one answer together. The answer says how many are
  // ticked (kept current by script); on a phone a bar under the list leads to it.
  const rows = lead.locator('.answer-row');
  const count = await rows.count();
  let ticked = 0;
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    if ((await row.textContent())!.match(PHONE_CALL)) continue;
    await row.getByRole('checkbox').check();
    ticked++;
  }
  if (info.project.use.javaScriptEnabled !== false) {
    await expect(lead.locator('.answer-form__chosen')).toHaveText(`${ticked} gekozen`);
    await lead.getByRole('link', { name: 'Naar het antwoord' }).click();
    await expect(lead.getByLabel('Wat gebeurt er mee?')).toBeInViewport();
  }
  await lead.getByLabel('Naam van de groep (als je meer reacties samen antwoordt)').fill('Laden, lossen en gratis parkeren');
  await giveAnswer(lead, 'Deels overgenomen', reason);
  await expect(lead.getByRole('status').filter({ hasText: 'Gevonden reacties: 1' })).toBeVisible();
  await expect(lead.getByText('Nog niet elke reactie heeft een antwoord (open: 1).').first()).toBeVisible();

  // Publishing cannot start yet: the page says why and leads to what is open, without a button
  // that could only be refused.
  await open(lead, lead.url().replace(/antwoorden.*$/, 'verslag-publiceren'));
  await expect(lead.getByText('Nog niet elke reactie heeft een antwoord (open: 1). Beantwoord die eerst.')).toBeVisible();
  await expect(lead.getByRole('button', { name: /Publiceer/ })).toHaveCount(0);
  await expectAccessible(lead);
  await lead.getByRole('link', { name: 'Naar de reacties zonder antwoord' }).click();
  await expect(lead.getByRole('status').filter({ hasText: 'Gevonden reacties: 1' })).toBeVisible();

  // The phone call gets its own answer; then the report goes out.
  if (info.project.use.javaScriptEnabled !== false) await lead.locator('html[data-hydrated]').waitFor();
  await lead.locator('.answer-row').filter({ hasText: PHONE_CALL }).getByRole('checkbox').check();
  await giveAnswer(lead, 'Overgenomen', 'Laden en lossen mag voortaan tot 14.00 uur.');
  await expect(lead.getByText('Elke reactie heeft een antwoord.')).toBeVisible();
  await lead.getByRole('link', { name: 'Verslag publiceren' }).click();
  await expect(lead.getByRole('heading', { level: 1, name: `Verslag publiceren: ${PARKING}` })).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) await lead.locator('html[data-hydrated]').waitFor();
  await expectAccessible(lead);
  const decision = `Het college stelt de parkeerregels vast, met laden en lossen tot 14.00 uur (${info.project.name}).`;
  const correction = lead.getByLabel('Waarom is er een verbeterde versie?');
  await lead.getByLabel('Het besluit', { exact: true }).fill(decision);
  if ((await correction.count()) > 0) await correction.fill('Het telefoontje van de ondernemer kreeg een eigen antwoord.');
  await lead.getByRole('button', { name: /Publiceer/ }).click();
  await expect(lead.getByRole('heading', { level: 1, name: `Verslag: ${PARKING}` })).toBeVisible();
  await expect(lead.getByText(decision)).toBeVisible();
  await expectAccessible(lead);

  // The resident's mail links straight to the answer to their comment.
  await expect.poll(async () => (await mailsTo(RESIDENT)).filter((m) => m.text.includes('verslag?inbreng=')).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const mail = (await mailsTo(RESIDENT)).filter((m) => m.text.includes('verslag?inbreng=')).pop()!;
  const link = mail.text.match(/http:\/\/\S+verslag\?inbreng=i\d+#antwoord/)?.[0];
  expect(link, mail.text).toBeTruthy();
  const resident = await pageAs(browser, RESIDENT);
  await resident.goto(link!);
  const answer = resident.locator('#antwoord');
  await expect(answer.getByRole('heading', { name: 'Jouw inbreng en het antwoord' })).toBeVisible();
  await expect(answer.getByText(/Een vergunning per adres is te weinig/)).toBeVisible();
  await expect(answer.getByText(/Laden en lossen (kan|mag) voortaan tot 14.00 uur/)).toBeVisible();
  await expectAccessible(resident);
});

test('anyone reads a corrected report with its older version, filters it, and downloads it as open data', async ({ page }) => {
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Zomerfestival op het strand' }).first().click();
  await page.getByRole('link', { name: 'Lees het verslag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verslag: Zomerfestival op het strand' })).toBeVisible();
  await expect(page.getByText('Verbeterde versie.')).toBeVisible();
  await expect(page.getByText(/De brief van de dorpsraad over de pendelbus ontbrak/).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Mensen per gebied' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Antwoord').selectOption({ label: 'Valt buiten de ruimte' });
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reacties: 1 van de 10' })).toBeVisible();
  await expect(page.getByText('1. Het festival duurt drie dagen')).toBeVisible();

  await page.getByText('Alle versies van dit verslag').click();
  await page.getByRole('link', { name: /^Versie 1/ }).click();
  await expect(page.getByText('Dit is een oudere versie van het verslag.')).toBeVisible();
  await expect(page.locator('.report-line').filter({ hasText: /pendelbus/ })).toHaveCount(0);
  await expectAccessible(page);

  const path = new URL(page.url()).pathname.replace(/^\/duinwijk\/trajecten\/(\d+)\/verslag$/, '/api/v1/duinwijk/trajectories/$1/report');
  const json = await (await page.request.get(path)).json();
  expect(json.version).toBe(2);
  expect(json.inputs.length).toBe(10);
  const csv = await (await page.request.get(`${path}.csv?version=1`)).text();
  expect(csv.trim().split('\n').length).toBe(1 + 9);
});

test('a council member reads the council page: every trajectory, the reports, the desk and who took part', async ({ browser }) => {
  const page = await pageAs(browser, 'raadslid@duinwijk.example');
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Voor de raad: participatie in cijfers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voor de raad: participatie in cijfers' })).toBeVisible();
  const list = page.getByRole('table', { name: 'Trajecten met hun trede, stand, inbreng en verslag' });
  const festival = list.getByRole('row', { name: /Zomerfestival op het strand/ });
  await expect(festival).toContainText('op tijd');
  await expect(page.getByRole('img', { name: /Wat er met de inbreng is gedaan: Overgenomen/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Mensen die meededen, per jaar/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Mensen per leeftijd, per jaar' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Hoe vaak het loket zijn belofte waarmaakte, per kwartaal' })).toBeVisible();
  await expectAccessible(page);
  await festival.getByRole('link', { name: 'Zomerfestival op het strand' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verslag: Zomerfestival op het strand' })).toBeVisible();
});
