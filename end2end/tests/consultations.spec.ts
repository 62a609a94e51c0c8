import { test, expect } from './fixtures';
import { contrastOf, demoPassword, expectAccessible, expectLandedOn, logIn, logOut, open } from './helpers';
import type { Page } from '@playwright/test';

const RESIDENT = 'inwoner@duinwijk.example';
const YOUNG = 'jongere@duinwijk.example';
const MODERATOR = 'moderator@duinwijk.example';
const DESK = 'loket@duinwijk.example';

/** The demo consultation on the Dorpsplein, found the way a resident finds it. */
async function openConsultation(page: Page): Promise<string> {
  await open(page, '/duinwijk');
  await page.getByRole('link', { name: 'Herinrichting Dorpsplein' }).first().click();
  await page.getByRole('link', { name: 'Reageer op het conceptplan voor het Dorpsplein' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reageer op het conceptplan voor het Dorpsplein' })).toBeVisible();
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  return new URL(page.url()).pathname;
}

/** With JavaScript: once the front end has taken over, no script from the page's texts has run. */
async function expectNoScriptRan(page: Page) {
  if (test.info().project.use.javaScriptEnabled === false) return;
  await page.locator('html[data-hydrated]').waitFor();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}

/** The id of the comment just posted, from the address the form led to. */
function postedId(page: Page): string {
  const id = new URL(page.url()).searchParams.get('geplaatst');
  expect(id, page.url()).toBeTruthy();
  return id!;
}

test('a resident comments on a section and replies, another supports, a moderator hides one, a desk officer enters a phone call', async ({ page }, info) => {
  test.setTimeout(180_000);
  const stamp = `${info.project.name} ${Date.now()}`;
  const text = `Zet de bankjes onder de bomen (${stamp}).`;

  // The resident reads the plan and comments on one section.
  await logIn(page, RESIDENT, demoPassword(RESIDENT));
  const path = await openConsultation(page);
  await expectAccessible(page);
  // The way out is as readable as the rest of the header (WCAG 1.4.3).
  expect(await contrastOf(page.getByRole('button', { name: 'Uitloggen' }))).toBeGreaterThanOrEqual(4.5);
  // A link to the comment form lands at the form.
  await page.getByRole('link', { name: 'Reageer op dit onderdeel' }).first().click();
  if (info.project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
  await expect(page.getByRole('heading', { name: 'Reageren', exact: true })).toBeInViewport();
  await expect(page.getByLabel('Waarop reageer je?')).toHaveValue(/\d+/);
  // An empty comment is refused: the page comes back at the error summary, which has focus and
  // links to the field, where the same words stand.
  await page.getByRole('button', { name: 'Plaats reactie' }).click();
  const summary = page.locator('.error-summary');
  await expectLandedOn(summary);
  await expect(page.locator('#veld-body-fout')).toContainText('Schrijf eerst je reactie.');
  await summary.getByRole('link', { name: 'Schrijf eerst je reactie.' }).click();
  await expect(page.getByLabel('Je reactie', { exact: true })).toBeFocused();
  // A text over the limit is counted down while typing (with JavaScript) and refused saying by
  // how much, with nothing typed lost.
  const tooLong = `${'Bankjes. '.repeat(555)}Bomen!!!`;
  await page.getByLabel('Je reactie', { exact: true }).fill(tooLong);
  if (info.project.use.javaScriptEnabled !== false) {
    await expect(page.locator('#veld-body-tekens')).toHaveText('3 tekens te veel.');
  } else {
    await expect(page.locator('#veld-body-tekens')).toHaveText('Hoogstens 5.000 tekens.');
  }
  await page.getByRole('button', { name: 'Plaats reactie' }).click();
  await expectLandedOn(summary);
  await expect(summary).toContainText('Je tekst heeft 5.003 tekens. Er mogen er hoogstens 5.000 zijn: haal er 3 weg.');
  await expect(page.getByLabel('Je reactie', { exact: true })).toHaveValue(tooLong);
  // Posted: the page lands on the new comment, which says so, and the box is empty again, so a
  // second tap makes no second comment.
  await page.getByLabel('Je reactie', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Plaats reactie' }).click();
  const comment = postedId(page);
  const article = page.locator(`#reactie-${comment}`);
  await expectLandedOn(article);
  await expect(article.getByRole('status')).toHaveText('Je reactie is geplaatst. Dank je wel!');
  await expect(article).toContainText(text);
  await expect(article).toContainText('Over: Bomen en groen');
  await expect(page.getByLabel('Je reactie', { exact: true })).toHaveValue('');
  await page.getByRole('button', { name: 'Plaats reactie' }).click();
  await expectLandedOn(summary);
  await expect(page.locator('article').filter({ hasText: text })).toHaveCount(1);

  // …and replies under it.
  await article.getByText('Reageer hierop').click();
  await article.getByLabel('Je antwoord').fill(`En een watertappunt (${stamp}).`);
  await article.getByRole('button', { name: 'Plaats antwoord' }).click();
  await expect(page.locator(`#reactie-${comment}`)).toContainText(`En een watertappunt (${stamp}).`);
  await expectAccessible(page);

  // A comment full of markup is only text, and no script in it runs, also after hydration: if
  // one did, it would press the first support button on the page.
  await open(page, path);
  const attack = `<img src=x onerror="window.__pwned=1;document.querySelector('.inline-form button')?.click()"><script>window.__pwned=1</script> ${stamp}`;
  await page.getByLabel('Je reactie', { exact: true }).fill(attack);
  await page.getByRole('button', { name: 'Plaats reactie' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je reactie is geplaatst' })).toBeVisible();
  await logOut(page);

  // Another resident supports the first comment; the markup did nothing.
  await logIn(page, YOUNG, demoPassword(YOUNG));
  await open(page, `${path}?sorteer=nieuwste`);
  await expect(page.getByText(attack)).toBeVisible();
  await expectNoScriptRan(page);
  const target = page.locator(`#reactie-${comment}`);
  await expect(target).toContainText('0 keer gesteund');
  await target.getByRole('button', { name: 'Steun deze reactie' }).first().click();
  // The page comes back in the same view, at the comment, saying what happened.
  expect(new URL(page.url()).searchParams.get('sorteer')).toBe('nieuwste');
  await expectLandedOn(page.locator(`#reactie-${comment}`));
  await expect(page.locator(`#reactie-${comment}`).getByRole('status').first()).toHaveText('Je steunt deze reactie.');
  await expect(page.locator(`#reactie-${comment}`).getByText('1 keer gesteund').first()).toBeVisible();
  await expect(page.locator(`#reactie-${comment}`).getByRole('button', { name: 'Steun intrekken' }).first()).toBeVisible();
  // …and reports the markup, with markup as the reason.
  const attackArticle = page.locator('article').filter({ hasText: 'window.__pwned=1;document' }).first();
  await attackArticle.getByText('Meld deze reactie').click();
  await attackArticle.getByLabel('Waarom meld je deze reactie?').fill(attack);
  await attackArticle.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De moderator bekijkt je melding' })).toBeVisible();
  await expectNoScriptRan(page);
  await logOut(page);

  // A moderator hides the comment with a reason everyone can read; the thread stays.
  await logIn(page, MODERATOR, demoPassword(MODERATOR));
  await open(page, `${path}?sorteer=nieuwste`);
  const hide = page.locator(`#reactie-${comment}`);
  await hide.locator('.comment__moderation').first().getByText('Verbergen als moderator').click();
  await hide.getByLabel('Reden om te verbergen (iedereen kan dit lezen)').first().fill('Test van de moderatie. <img src=x onerror="window.__pwned=1">');
  await hide.locator('.comment__moderation').first().getByRole('button', { name: 'Verberg reactie' }).click();
  await expect(page.locator(`#reactie-${comment}`)).toContainText('Deze reactie is verborgen door de moderator.');
  await expect(page.locator(`#reactie-${comment}`)).toContainText('Test van de moderatie.');
  await expect(page.locator(`#reactie-${comment}`)).toContainText(`En een watertappunt (${stamp}).`);
  await expectNoScriptRan(page);
  await open(page, '/beheer/duinwijk/moderatie');
  await expect(page.getByText(attack).first()).toBeVisible();
  await expectNoScriptRan(page);
  await expectAccessible(page);
  await open(page, '/beheer/duinwijk/logboek');
  await expect(page.getByRole('table')).toContainText('Test van de moderatie.');
  await expectNoScriptRan(page);
  await logOut(page);

  // A desk officer enters a phone call, which then shows with its channel.
  await logIn(page, DESK, demoPassword(DESK));
  await open(page, `${path}/invoeren`);
  await expect(page.getByRole('heading', { level: 1, name: 'Reactie invoeren' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Hoe kwam de reactie binnen?').selectOption('phone');
  await page.getByLabel('De reactie', { exact: true }).fill(`Meneer belde: graag een bankje bij de bushalte (${stamp}). <script>window.__pwned=1</script>`);
  await page.getByRole('button', { name: 'Reactie opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De reactie is ingevoerd.' })).toBeVisible();
  await page.getByRole('link', { name: 'Bekijk hem in de raadpleging' }).click();
  const phoned = page.locator('article').filter({ hasText: `Meneer belde: graag een bankje bij de bushalte (${stamp}).` });
  await expect(phoned).toContainText('telefonisch');
  await expect(phoned).toContainText('Inwoner (anoniem)');
  await expectNoScriptRan(page);
  await expectAccessible(page);
});

test('a visitor reads the discussion, sorted and paged, and the house rules', async ({ page }) => {
  const path = await openConsultation(page);
  await expect(page.getByText('Log in om te reageren.')).toBeVisible();
  await page.getByLabel('Volgorde').selectOption('meeste-steun');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/sorteer=meeste-steun/);
  await page.getByRole('link', { name: 'Volgende pagina' }).click();
  await expect(page).toHaveURL(/pagina=2/);
  await expect(page.getByRole('heading', { level: 2, name: /Reacties \(/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/duinwijk/huisregels');
  await expect(page.getByRole('heading', { level: 1, name: 'Huisregels' })).toBeVisible();
  await expectAccessible(page);
  expect(path).toMatch(/\/duinwijk\/raadplegingen\/\d+/);
});
