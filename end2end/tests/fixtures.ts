// The `page` every test uses, and every page a test opens as someone else (`pageAs`), is watched:
// - in the hydrated project it waits, after each navigation, until the front end is done with
//   the page (its islands woken, `html[data-hydrated]`), and any console error (a CSP violation,
//   a hydration panic) fails the test;
// - in both projects every page that loads is checked for reflow (WCAG 1.4.10): the document may
//   never be wider than the viewport, on the 390 px phone the tests run on and, from a copy of the
//   page as it was, on a 320 px phone and a 1,366 px desktop. A page that scrolls sideways fails
//   the test that visits it, whichever test that is.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** The widths every page is also checked at, besides the phone the tests run on (config). */
const otherWidths = [320, 1366];

/** Problems found on the pages of the running test, reported when it ends. */
let problems: string[] = [];
/** Checks still running for the current test (they run beside it and are awaited at its end). */
let pending: Promise<unknown>[] = [];
/** A context of its own where copies of pages are laid out at other widths. */
let measuring: { context: BrowserContext; page: Page; queue: Promise<unknown> } | undefined;

/** In the browser: how far the document sticks out of the viewport, and what sticks out most. */
function overflow(): { width: number; viewport: number; culprits: string[] } | null {
  const root = document.documentElement;
  const viewport = root.clientWidth;
  if (root.scrollWidth <= viewport + 1) return null;
  const describe = (e: Element) =>
    e.tagName.toLowerCase() +
    (e.getAttribute('id') ? `#${e.getAttribute('id')}` : '') +
    [...e.classList].map((c) => `.${c}`).join('');
  // An element sticks out when its box does, or when its text runs out of its box (a long word).
  const sticking = [...document.body.querySelectorAll('*')].filter((e) => {
    const right = e.getBoundingClientRect().right;
    return right > viewport + 1 || (e instanceof HTMLElement && right - e.clientWidth + e.scrollWidth > viewport + 1);
  });
  // The innermost elements that stick out, each with its path: those are what to fix.
  const innermost = sticking.filter((e) => !sticking.some((other) => other !== e && e.contains(other)));
  const culprits = innermost.slice(0, 4).map((e) => {
    const path: string[] = [];
    for (let at: Element | null = e; at && at !== document.body && path.length < 4; at = at.parentElement) {
      path.unshift(describe(at));
    }
    return `${path.join(' > ')} (${Math.round(e.getBoundingClientRect().right)} px)`;
  });
  return { width: root.scrollWidth, viewport, culprits };
}

function report(url: string, width: number, found: ReturnType<typeof overflow>) {
  if (found) {
    const shortUrl = url.replace(/([?&]__err=)[^&#]+/, '$1…');
    problems.push(
      `reflow: ${shortUrl} is ${found.width} px wide at ${width} px (viewport ${found.viewport}): ${found.culprits.join('; ')}`,
    );
  }
}

/** Lays a copy of the page as it is now out at the other widths, in the measuring context. */
async function measureElsewhere(browser: Browser, url: string, html: string) {
  if (!measuring) {
    const context = await browser.newContext({ javaScriptEnabled: true });
    measuring = { context, page: await context.newPage(), queue: Promise.resolve() };
  }
  const m = measuring;
  // The copy keeps the page's own stylesheet (through <base>) and none of its scripts.
  const copy = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<head([^>]*)>/i, `<head$1><base href="${url.replace(/"/g, '&quot;')}">`);
  const run = m.queue.then(async () => {
    for (const width of otherWidths) {
      await m.page.setViewportSize({ width, height: 800 });
      await m.page.setContent(copy, { waitUntil: 'load' });
      report(url, width, await m.page.evaluate(overflow));
    }
  });
  m.queue = run.catch(() => {});
  return run;
}

async function checkReflow(page: Page) {
  const url = page.url();
  if (!url.startsWith('http')) return;
  const browser = page.context().browser();
  try {
    report(url, page.viewportSize()?.width ?? 0, await page.evaluate(overflow));
    const html = await page.content();
    if (browser) await measureElsewhere(browser, url, html);
  } catch {
    // The test moved on to the next page while this one was measured; that page is checked when
    // it has loaded.
  }
}

/** Watches one page of the running test: console errors (with JavaScript) and reflow. */
export function watch(page: Page, hydrated: boolean) {
  if (hydrated) {
    // Chromium logs every 4xx answer as a console error, also the expected ones (a 422 for a
    // refused form, the 404 page); failed assets are caught by the response listener instead.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(message.text());
      }
    });
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (['stylesheet', 'script', 'image', 'font'].includes(kind) && response.status() >= 400) {
        problems.push(`${response.status()} for ${kind} ${response.url()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }
  page.on('load', () => {
    const check = (async () => {
      // Pages of the app carry the islands loader; refusals made before the app (the 403 of the
      // access table) are plain HTML and have nothing to hydrate.
      // Asked of the document as it is at each moment, so a test that has already moved on to a
      // plain page does not leave this waiting for the page before it.
      if (hydrated) {
        await page
          .waitForFunction(
            () => !document.querySelector('script[type=module]') || document.documentElement.hasAttribute('data-hydrated'),
            undefined,
            { timeout: 15_000 },
          )
          .catch((error: Error) => {
            if (!page.isClosed() && error.name === 'TimeoutError') problems.push(`not hydrated: ${page.url()}`);
          });
      }
      if (!page.isClosed()) await checkReflow(page);
    })();
    pending.push(check);
  });
}

export const test = base.extend({
  page: async ({ page }, use, info) => {
    const hydrated = info.project.use.javaScriptEnabled !== false;
    problems = [];
    pending = [];
    watch(page, hydrated);
    await use(page);
    if (hydrated && (await page.locator('script[type=module]').count()) > 0) {
      await page.locator('html[data-hydrated]').waitFor({ timeout: 15_000 });
    }
    await Promise.all(pending);
    expect(problems, 'console errors and pages wider than the screen').toEqual([]);
  },
});

export { expect };
