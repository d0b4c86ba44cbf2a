// Headless Debian Chromium driven by playwright-core (no browser download).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serveDir } from './server.mjs';
import { chromium } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.NB_CHROMIUM ?? '/usr/bin/chromium';

/** Launches Chromium with a fresh temporary profile (Playwright makes one per launch). */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false, // we run as root in CI: adds --no-sandbox
    args: [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Opens `url` in a new page and records what a test must check afterwards:
 * every request URL, failed requests (no response or status >= 400), console errors and
 * uncaught page errors.
 */
export async function openPage(browser, url, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  const requests = [];
  const failed = [];
  const consoleErrors = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  context.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, requests, failed, consoleErrors };
}

/** The request URLs that went anywhere but 127.0.0.1 (data: and blob: stay in the page). */
export function foreignRequests(requests) {
  return requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:') return false;
    return hostname !== '127.0.0.1';
  });
}

// One served build and one browser per test file: `dist` is served on 127.0.0.1 before the
// file's tests and both are closed after them. Read `app.server` / `app.browser` inside tests.
export function servedApp(dist, out) {
  const app = { server: null, browser: null };
  before(async () => {
    await mkdir(out, { recursive: true });
    app.server = await serveDir(dist);
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** Runs axe-core on the app's root element; fails on any WCAG 2.1 A/AA or best-practice violation. */
export async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document.querySelector('.nb-app'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { region: { enabled: false } },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
  });
  assert.deepEqual(result, [], `axe violations (${name})`);
}
