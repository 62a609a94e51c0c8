import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

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
