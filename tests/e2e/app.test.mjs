// End-to-end: the release build (dist/) served on 127.0.0.1, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foreignRequests, openPage, servedApp } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.NB_DIST ?? resolve(here, '../../dist');
const OUT = resolve(here, '../out');

const app = servedApp(DIST, OUT);

test('app mounts with its Chinese title, no console error, no request off 127.0.0.1', async () => {
  const { context, page, requests, failed, consoleErrors } = await openPage(app.browser, app.server.url);
  try {
    const title = page.getByTestId('title');
    await title.waitFor({ state: 'visible' });
    assert.equal(await title.textContent(), '政府信息公开年报校验');
    assert.match(await page.getByTestId('privacy').textContent(), /数据只在本机处理/);
    // The app mounted into the page's own element, under its root class.
    assert.equal(await page.locator('#nianbao > .nb-app').count(), 1);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: resolve(OUT, 'app-desktop.png'), fullPage: true });

    assert.deepEqual(failed, [], 'failed requests');
    assert.deepEqual(consoleErrors, [], 'console errors');
    assert.ok(requests.some((url) => url.endsWith('.wasm')), `the wasm module was loaded: ${requests}`);
    assert.deepEqual(foreignRequests(requests), [], 'requests that left 127.0.0.1');
  } finally {
    await context.close();
  }
});

test('paste box is labelled and the app reacts to typing', async () => {
  const { context, page, consoleErrors } = await openPage(app.browser, app.server.url);
  try {
    const paste = page.getByRole('textbox', { name: /^在此粘贴年报全文/ });
    await paste.waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('status').textContent(), '尚未粘贴内容');
    await paste.fill('一、总体情况');
    await page.getByText('已粘贴 6 个字符').waitFor();
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('narrow screen (360 px): one column, no horizontal scroll', async () => {
  const { context, page, consoleErrors } = await openPage(app.browser, app.server.url, { width: 360, height: 740 });
  try {
    await page.getByTestId('title').waitFor({ state: 'visible' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: resolve(OUT, 'app-narrow.png'), fullPage: true });
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});
