// End-to-end tests in Debian's Chromium, every test twice: hydrated and without JavaScript, on a
// phone-sized screen.
import { defineConfig } from '@playwright/test';

const port = 3100;
export const mailApi = 'http://127.0.0.1:3125';
const phone = { width: 390, height: 844 };

export default defineConfig({
  testDir: './tests',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  globalTimeout: 25 * 60_000, // a stuck run fails here, well inside CI's own limit
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US', // the site must still answer in Dutch: Dutch is the default
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    // A phone first: every page is walked at 390 px (and checked at 320 and 1,366 px, see fixtures).
    { name: 'hydrated', use: { javaScriptEnabled: true, viewport: phone } },
    { name: 'no-js', use: { javaScriptEnabled: false, viewport: phone } },
  ],
  webServer: [
    { command: 'node smtp-sink.mjs', url: `${mailApi}/messages`, reuseExistingServer: false, timeout: 30_000 },
    { command: 'bash ./serve-for-tests.sh', url: `http://127.0.0.1:${port}/healthz`, reuseExistingServer: false, timeout: 120_000 },
  ],
});
