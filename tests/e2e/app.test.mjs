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

test('first load is the start page only; the checker and the reader load once, ahead of the first input; the checker takes over', async () => {
  const { context, page, requests, consoleErrors } = await openPage(app.browser, app.server.url);
  const isChecker = (url) => new URL(url).pathname.includes('nianbao-checker');
  try {
    await page.getByTestId('title').waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('[data-module=start]').count(), 1, 'start page shown');
    assert.deepEqual(requests.filter(isChecker), [], 'checker fetched at page load');
    // Focusing the paste box starts loading the checker (and the worker) ahead of the paste.
    await page.getByTestId('paste').focus();
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.includes('nianbao-checker_bg.wasm')),
    );
    await page.getByTestId('paste').fill('这不是年报');
    await page.getByTestId('read').click();
    // The checker took over the element: one app root, the checker's, with the verdict.
    await page.getByTestId('verdict').waitFor();
    assert.equal(await page.locator('#nianbao > .nb-app').count(), 1);
    assert.equal(await page.locator('[data-module=start]').count(), 0, 'start page gone');
    const checkerWasm = requests.filter((u) => isChecker(u) && u.includes('_bg.wasm'));
    assert.equal(checkerWasm.length, 1, `checker wasm requests: ${checkerWasm}`);
    // Pasted text is read by the reader worker; the engine (PDF, Word, Excel, downloads) is
    // not fetched for it.
    const wasmOf = (name) => requests.filter((u) => new URL(u).pathname.includes(`${name}_bg.wasm`));
    assert.equal(wasmOf('nianbao-reader').length, 1, 'reader worker fetched once');
    assert.deepEqual(wasmOf('nianbao-worker'), [], 'engine worker not fetched for pasted text');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('English chosen on the start page carries over to the checker', async () => {
  const { context, page, consoleErrors } = await openPage(app.browser, app.server.url);
  try {
    await page.getByTestId('lang').click();
    await page.getByText('Nothing pasted yet').waitFor();
    await page.getByTestId('sample').click();
    await page.getByTestId('verdict').waitFor();
    assert.equal(await page.locator('.nb-app').getAttribute('lang'), 'en');
    assert.equal(await page.getByTestId('lang').textContent(), '中文');
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
