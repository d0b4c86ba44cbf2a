// Edit → updated view time (issue #5: goal ≤ 16 ms for a typical report), measured by the app
// itself (performance.now from the input event to a timer after the view update, logged with
// console.debug) over single-digit edits. Prints median and p90 and writes them to
// tests/out/perf.json; it does not assert on timing (the figure is a benchmark, not a test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, servedApp } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const DIST = process.env.NB_DIST ?? resolve(ROOT, 'dist');
const OUT = resolve(here, '../out');
const CORPUS = process.env.NB_CORPUS ?? resolve(ROOT, '../shared/corpus');
const EDITS = 15;

const app = servedApp(DIST, OUT);
const results = {};

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Types EDITS single digits into `key` (each replacing the value) and collects the times. */
async function measure(page, key) {
  const times = [];
  page.on('console', (m) => {
    const hit = m.type() === 'debug' && /edit → view ([\d.]+) ms/.exec(m.text());
    if (hit) times.push(Number(hit[1]));
  });
  const input = page.locator(`[id="nb-c-${key}"] input`);
  await input.focus();
  for (let i = 0; i < EDITS; i++) {
    await input.press('Control+a');
    await input.press(String((i * 3 + 1) % 10));
    const want = i + 1;
    for (let t = 0; t < 100 && times.length < want; t++) await page.waitForTimeout(10);
    // Let any pending work settle between edits, like a person typing (~8 keys a second).
    await page.waitForTimeout(120);
  }
  assert.equal(times.length, EDITS, 'every edit was timed');
  const sorted = [...times].sort((a, b) => a - b);
  return { edits: times.length, median_ms: quantile(sorted, 0.5), p90_ms: quantile(sorted, 0.9), all_ms: times };
}

async function report(name, load, key) {
  const opened = await openPage(app.browser, app.server.url);
  const { page } = opened;
  try {
    await page.getByTestId('title').waitFor({ state: 'visible' });
    await load(page);
    await page.getByTestId('report').waitFor({ timeout: 20000 });
    await page.waitForTimeout(300);
    const r = await measure(page, key);
    results[name] = r;
    console.log(`edit → view (${name}, ${r.edits} edits): median ${r.median_ms} ms, p90 ${r.p90_ms} ms`);
    await writeFile(resolve(OUT, 'perf.json'), JSON.stringify(results, null, 2) + '\n');
    assert.deepEqual(opened.consoleErrors, [], 'console errors');
  } finally {
    await opened.context.close();
  }
}

test('edit → view time: bundled sample (2021 template)', async () => {
  await report('sample-2021', (page) => page.getByTestId('sample').click(), 's3.r1.natural');
});

test('edit → view time: weihai 2020 (2019 template)', async () => {
  const text = await readFile(resolve(CORPUS, 'public/000_weihai_gxj_2020.txt'), 'utf8');
  const load = (page) =>
    page.getByTestId('paste').evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.focus();
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  await report('weihai-2020-2019', load, 's3.r1.natural');
});
