import { chromium } from '@playwright/test';
import fs from 'fs';
const base = 'http://127.0.0.1:3200';
const pw = (email) => fs.readFileSync('/tmp/ss-accounts.txt', 'utf8').split('\n').find((l) => l.includes(email + ' ')).trim().split(/\s+/)[1];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
async function as(email, width) {
  const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  const page = await ctx.newPage();
  if (email) {
    await page.goto(base + '/duinwijk');
    await page.goto(base + '/inloggen');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(pw(email));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');
  }
  return page;
}
for (const width of [390, 1366]) {
  const lead = await as('projectleider@duinwijk.example', width);
  await lead.goto(base + '/duinwijk');
  await lead.getByRole('link', { name: 'Parkeren in Duinwijk-Centrum' }).first().click();
  await lead.getByRole('link', { name: 'Inbreng beantwoorden' }).click();
  const boxes = lead.getByRole('checkbox');
  for (let i = 0; i < Math.min(3, await boxes.count()); i++) await boxes.nth(i).check();
  await lead.locator('.answer-row').nth(6).scrollIntoViewIfNeeded();
  await lead.screenshot({ path: `/tmp/shots/answering-${width}.png` });
  await lead.getByLabel('Wat gebeurt er mee?').selectOption({ label: 'Valt buiten de ruimte' });
  await lead.getByLabel('Wat gebeurt er mee?').scrollIntoViewIfNeeded();
  await lead.screenshot({ path: `/tmp/shots/answering-out-of-scope-${width}.png` });
  await lead.goto(lead.url().replace(/antwoorden.*$/, 'verslag-publiceren'));
  await lead.screenshot({ path: `/tmp/shots/publish-${width}.png`, fullPage: true });
  await lead.goto(base + '/duinwijk/raad');
  await lead.locator('.bar-chart').first().scrollIntoViewIfNeeded();
  await lead.screenshot({ path: `/tmp/shots/council-chart-${width}.png` });
  const anon = await as(null, width);
  await anon.goto(base + '/duinwijk/raad');
  await anon.goto(base + '/inloggen');
  await anon.screenshot({ path: `/tmp/shots/sign-in-${width}.png` });
}
await browser.close();
