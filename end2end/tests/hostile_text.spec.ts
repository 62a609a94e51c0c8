// Hostile text in every field (stored by `samenspraak seed-hostile` in the test municipality
// Proefstad, see server/src/hostile_text.rs) stays text in a real browser: on every page that
// shows it, hydrated and without JavaScript, nothing navigates away, no dialog opens, no request
// leaves the site, no script runs (a CSP violation is a console error, which fails the test in the
// hydrated run) and no element the corpus marked with `xss` exists in the live document.
import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

type Visit = { path: string; account: string | null };
type Corpus = { visits: Visit[]; accounts: [string, string][] };
// Written by serve-for-tests.sh when the server starts, after the tests are collected.
const corpus = (): Corpus => JSON.parse(readFileSync(new URL('../.state/hostile.json', import.meta.url), 'utf8'));

async function logIn(page: Page, email: string) {
  const password = corpus().accounts.find(([e]) => e === email)![1];
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Residents land on their account, staff on their work.
  await expect(page.getByRole('heading', { level: 1, name: /^(Mijn account|Beheer)$/ })).toBeVisible();
}

// Everyone who reads the corpus (server/src/hostile_text.rs gives each page its reader).
const readers = [null, ...['inwoner', 'projectleider', 'beheerder', 'moderator', 'loket'].map((r) => `${r}@proefstad.example`)];

for (const reader of readers) {
  test(`hostile text stays text on the pages ${reader ?? 'anyone'} reads`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const problems: string[] = [];
    page.on('dialog', async (dialog) => {
      problems.push(`dialog "${dialog.message()}" on ${page.url()}`);
      await dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(baseURL!) && !request.url().startsWith('data:')) {
        problems.push(`request to ${request.url()} from ${page.url()}`);
      }
    });
    if (reader) await logIn(page, reader);
    for (const visit of corpus().visits.filter((v) => v.account === reader && !v.path.startsWith('/api/'))) {
      const target = new URL(visit.path, baseURL).toString();
      const response = await page.goto(visit.path);
      expect(response?.status(), visit.path).toBe(200);
      // A refresh or a script that navigates would have done so by now.
      await page.waitForTimeout(300);
      expect(page.url(), `${visit.path} navigated away`).toBe(target);
      const marked = await page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((e) => e.tagName.toLowerCase().includes('xss') || [...e.attributes].some((a) => a.name.includes('xss') || a.name.startsWith('on')))
          .map((e) => e.outerHTML.slice(0, 120)),
      );
      expect(marked, `${visit.path}: injected elements`).toEqual([]);
      expect(await page.locator('head meta[http-equiv]').count(), `${visit.path}: meta refresh`).toBe(0);
      await expect(page.locator('main h1').first(), visit.path).toBeVisible();
    }
    expect(problems).toEqual([]);
  });
}
