import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { watch } from './fixtures';

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Asserts that axe-core finds no WCAG 2.x A/AA violation on the page as it is now. axe is itself
 * JavaScript, so for a page without JavaScript the same address is opened, with the same
 * cookies, in a context where scripts may run but the app's own script and WASM are blocked:
 * exactly the server-rendered page a visitor without JavaScript gets.
 */
export async function expectAccessible(page: Page) {
  let target = page;
  const scriptsOff = test.info().project.use.javaScriptEnabled === false;
  if (scriptsOff) {
    const browser = page.context().browser()!;
    const context = await browser.newContext({
      javaScriptEnabled: true,
      viewport: page.viewportSize(),
      storageState: await page.context().storageState(),
    });
    await context.route(/\/pkg\/samenspraak\.(js|wasm)$/, (route) => route.abort());
    target = await context.newPage();
    await target.goto(page.url());
  }
  const results = await new AxeBuilder({ page: target }).withTags(axeTags).analyze();
  if (target !== page) await target.context().close();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** The password the demo seed printed for an account. */
export function demoPassword(email: string): string {
  const line = readFileSync(new URL('../.state/accounts.txt', import.meta.url), 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith(email + ' '));
  if (!line) throw new Error(`no demo account ${email}`);
  return line.trim().split(/\s+/)[1];
}

export async function mailsTo(address: string): Promise<{ to: string; subject: string; text: string }[]> {
  const response = await fetch('http://127.0.0.1:3125/messages');
  const all = (await response.json()) as { to: string; subject: string; text: string }[];
  return all.filter((m) => m.to.includes(address));
}

/** A unique address per test run and project, so hydrated and no-JS runs do not collide. */
export function uniqueEmail(prefix: string, project: string): string {
  return `${prefix}-${project}-${Date.now()}@example.nl`;
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Residents land on their account, staff on their work.
  await expect(page.getByRole('heading', { level: 1, name: /^(Mijn account|Beheer)$/ })).toBeVisible();
}

export async function register(page: Page, email: string, name: string, password: string) {
  await page.goto('/registreren');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Naam die anderen zien').fill(name);
  await page.getByLabel('Kies een wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kijk in je mail' })).toBeVisible();
}

/** The first link in the latest mail to `address` with this subject, once it has arrived. */
export async function linkFromMail(address: string, subject: string): Promise<string> {
  await expect
    .poll(async () => (await mailsTo(address)).filter((m) => m.subject === subject).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  const mail = (await mailsTo(address)).filter((m) => m.subject === subject).pop()!;
  const link = mail.text.match(/http:\/\/\S+token=[0-9a-f]+/)?.[0];
  expect(link, mail.text).toBeTruthy();
  return link!;
}

/** Opens a page and, with JavaScript, waits until the front end has taken over, so typing is not
 * raced by hydration. (Text typed before that moment could be lost on the trajectory editor; see
 * the note of issue 3.) */
export async function open(page: Page, url: string) {
  await page.goto(url);
  if (test.info().project.use.javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor();
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
}

/** Signed-in sessions kept per project and account for the whole run, so a test that switches
 * between people (a resident and the desk) does not log in again each time: the login throttle
 * (30 at once per address, then one every 10 s) would otherwise be spent by the suite itself. */
const sessions = new Map<string, { cookies: Awaited<ReturnType<BrowserContext['cookies']>>; origins: [] }>();

/** A page in its own context, signed in as `email` (logging in only the first time). */
export async function pageAs(browser: Browser, email: string): Promise<Page> {
  const info = test.info();
  const key = `${info.project.name} ${email}`;
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    locale: info.project.use.locale,
    javaScriptEnabled: info.project.use.javaScriptEnabled,
    viewport: info.project.use.viewport,
    storageState: sessions.get(key),
  });
  const page = await context.newPage();
  watch(page, info.project.use.javaScriptEnabled !== false);
  if (!sessions.has(key)) {
    await logIn(page, email, demoPassword(email));
    sessions.set(key, { cookies: await context.cookies(), origins: [] });
  }
  return page;
}

/** After an action the person lands where they acted: `target` is on screen and has focus. */
export async function expectLandedOn(target: Locator) {
  await expect(target).toBeInViewport();
  await expect(target).toBeFocused();
}

/** The contrast of a control's text against what is behind it (the first ancestor with a
 * background colour), as WCAG 1.4.3 computes it. */
export async function contrastOf(target: Locator): Promise<number> {
  return target.evaluate((element) => {
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const text = rgb(getComputedStyle(element).color);
    let behind: number[] = [255, 255, 255];
    for (let at: Element | null = element; at; at = at.parentElement) {
      const colour = rgb(getComputedStyle(at).backgroundColor);
      if (colour.length === 3 || (colour.length === 4 && colour[3] > 0)) {
        behind = colour.slice(0, 3);
        break;
      }
    }
    const [light, dark] = [luminance(text), luminance(behind)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  });
}
