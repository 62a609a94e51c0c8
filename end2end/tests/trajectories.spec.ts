import { test, expect } from './fixtures';
import { demoPassword, expectAccessible, logIn, logOut, open, mailsTo } from './helpers';

const LEAD = 'projectleider@duinwijk.example';
const RESIDENT = 'inwoner@duinwijk.example';

test('a lead publishes a trajectory once its rules are complete; a resident finds, reads and follows it, and hears of a change', async ({ page }, info) => {
  test.setTimeout(120_000);
  const title = `Speelplek Schelpenweg ${info.project.name} ${Date.now()}`;

  // The project lead writes the trajectory.
  await logIn(page, LEAD, demoPassword(LEAD));
  await open(page, '/duinwijk/trajecten/nieuw');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw traject' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByLabel('Korte samenvatting').fill('De speelplek aan de Schelpenweg wordt vernieuwd. Kinderen kiezen mee.');
  // The B1 aid (an island) judges the summary while it is typed; without JavaScript, once saved.
  const summaryAid = page.locator('.readability').first();
  if (info.project.use.javaScriptEnabled !== false) await expect(summaryAid).toContainText('Leesbaarheid (Flesch-Douma)');
  await page.getByLabel('Uitleg over het plan').fill('## Waarom\n\nDe toestellen zijn **oud**.');
  await page.getByLabel('Zeedorp').check();
  await page.getByLabel('Jeugd').check();
  const phase = page.getByRole('group', { name: 'Fase 1' });
  await phase.getByLabel('Naam van de fase').fill('Reageren op het ontwerp');
  await phase.getByLabel('Begindatum').fill('2026-01-01');
  await phase.getByLabel('Einddatum').fill('2099-06-30');
  await page.getByLabel('Naam contactpersoon').fill('Fatima El Amrani');
  await page.getByLabel('E-mailadres contactpersoon').fill('f.elamrani@duinwijk.example');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Traject bewerken: ${title}` })).toBeVisible();
  await expect(summaryAid).toContainText('Leesbaarheid (Flesch-Douma)');

  // Publishing with an empty card is refused, naming what is missing.
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Publiceren kan nog niet' })).toContainText('Wie beslist?');
  await expectAccessible(page);

  // The lead completes the card and publishes.
  await page.getByLabel('Trede op de participatieladder').selectOption('meedenken');
  await page.getByLabel('Wat doet de gemeente?').fill('De gemeente legt drie ontwerpen voor en beslist daarna.');
  await page.getByLabel('Waarover kun je meepraten?').fill('Welke toestellen er komen en waar de bankjes staan.');
  const fixed = page.getByRole('group', { name: 'Vast punt 1' });
  await fixed.getByLabel('Wat ligt vast?').fill('Het budget is 85.000 euro');
  await fixed.getByLabel('Waarom?').fill('Dit staat in het speelruimteplan.');
  await page.getByLabel('Wie beslist?').fill('Het college van B&W');
  await page.getByLabel('Wanneer wordt er besloten?').fill('2099-09-01');
  await page.getByLabel('Hoe wegen we de reacties?').fill('Wij lezen elke reactie en wegen de argumenten.');
  await page.getByLabel('Wie mag meedoen?').selectOption('everyone');
  await page.getByLabel('Wanneer hoor je wat er met de reacties is gedaan?').fill('2099-10-01');
  await page.getByLabel('Welke persoonsgegevens bewaren we?').fill('Naam en e-mailadres.');
  await page.getByLabel('Hoe lang worden persoonsgegevens bewaard (in maanden)?').fill('24');
  await page.getByRole('button', { name: 'Spelregels opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De spelregels zijn opgeslagen.' })).toBeVisible();
  await expect(page.getByText('De spelregels zijn compleet.')).toBeVisible();
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const trajectoryUrl = page.url();
  await logOut(page);

  // A resident finds it through the desk's filters, reads the card first and follows it.
  await logIn(page, RESIDENT, demoPassword(RESIDENT));
  await open(page, '/duinwijk');
  await page.getByLabel('Kern of wijk').selectOption('zeedorp');
  await page.getByLabel('Thema', { exact: true }).selectOption('jeugd');
  await page.getByLabel('Zoek op woorden').fill('Schelpenweg');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/thema=jeugd/);
  await expectAccessible(page);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const rules = page.getByRole('region', { name: 'Spelregels', exact: true });
  await expect(rules).toContainText('Meedenken');
  await expect(rules).toContainText('Het budget is 85.000 euro');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Volgen', exact: true }).click();
  await expect(page.getByText('Je volgt dit.')).toBeVisible();
  await logOut(page);

  // The lead changes the card with a reason; the follower is told by e-mail.
  await logIn(page, LEAD, demoPassword(LEAD));
  await open(page, `${trajectoryUrl}/bewerken`);
  await page.getByLabel('Waarom verander je de spelregels?').fill('Ook mondelinge reacties op de inloopavond tellen mee.');
  await page.getByLabel('Hoe wegen we de reacties?').fill('Wij wegen de argumenten; mondelinge reacties tellen even zwaar.');
  await page.getByRole('button', { name: 'Nieuwe versie vaststellen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Versie 2', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Ook mondelinge reacties op de inloopavond tellen mee.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Eerdere versies van de spelregels' })).toBeVisible();
  await expectAccessible(page);

  await expect
    .poll(async () => (await mailsTo(RESIDENT)).filter((m) => m.subject === `Spelregels veranderd: ${title}`).length, {
      timeout: 20_000,
    })
    .toBe(1);
  const mail = (await mailsTo(RESIDENT)).find((m) => m.subject === `Spelregels veranderd: ${title}`)!;
  expect(mail.text).toContain('Ook mondelinge reacties op de inloopavond tellen mee.');
  expect(mail.text).toMatch(/\/afmelden\/[0-9a-f]+/);
});

test('the desk lists the demo trajectories and a draft stays hidden', async ({ page }) => {
  await page.goto('/duinwijk');
  await expect(page.getByRole('heading', { level: 2, name: 'Nu en binnenkort' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Herinrichting Dorpsplein' }).first()).toBeVisible();
  await expect(page.getByText('Fietsroute langs de Zeeweg')).toHaveCount(0);
  await page.getByLabel('Stand', { exact: true }).selectOption('reported');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('link', { name: 'Zomerfestival op het strand' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Herinrichting Dorpsplein' })).toHaveCount(0);
  await expectAccessible(page);
});

test('Markdown that tries to run script stays harmless after hydration too', async ({ page, baseURL }, info) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await logIn(page, LEAD, demoPassword(LEAD));
  const headers = { Origin: baseURL!, Accept: 'application/json' };
  const attack = [
    '<script>alert("script")</script>',
    '<img src=x onerror=alert("img")>',
    '[klik](javascript:alert("link"))',
    '<svg onload=alert("svg")></svg>',
    '<a href="javascript:alert(\'a\')">a</a>',
    '<iframe src="javascript:alert(\'frame\')"></iframe>',
  ].join('\n\n');
  const token = await (await page.request.post('/api/new_submission_token', { headers })).json();
  const created = await page.request.post('/api/create_trajectory', {
    headers,
    form: {
      submission_token: token,
      municipality: 'duinwijk',
      title: `Gevaarlijke tekst ${info.project.name} ${Date.now()}`,
      summary: 'Een plan met een tekst die probeert code uit te voeren.',
      body: attack,
      contact_name: 'Team Participatie',
      contact_email: 'participatie@duinwijk.example',
      'phase_name[0]': 'Reageren',
      'phase_starts_on[0]': '2026-01-01',
      'phase_ends_on[0]': '2099-12-31',
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const id = (await created.text()).trim();
  const card = {
    municipality: 'duinwijk', id, level: 'meedenken', municipality_role: 'De gemeente beslist.',
    open_for_input: 'Alles.', 'fixed_what[0]': 'Budget', 'fixed_why[0]': 'Vastgesteld.',
    decision_maker: 'College', decision_date: '2099-06-01', weighing: 'Argumenten.', eligibility: 'everyone',
    report_date: '2099-07-01', personal_data: 'Naam.', retention_months: '12',
  };
  expect((await page.request.post('/api/save_rules', { headers, form: card })).status()).toBe(200);
  expect((await page.request.post('/api/publish_trajectory', { headers, form: { municipality: 'duinwijk', id } })).status()).toBe(200);

  await page.goto(`/duinwijk/trajecten/${id}`);
  const prose = page.locator('.prose');
  await expect(prose).toContainText('klik');
  await expect(prose.locator('script, img, svg, iframe, [onerror], [onload]')).toHaveCount(0);
  await expect(prose.locator('a[href^="javascript"]')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
