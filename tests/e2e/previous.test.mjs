// End-to-end: the 上年年报 (previous year's report) in the real app: loaded from a file or
// pasted, it feeds the cross-year rules (Y-…) and the year-over-year chart, is saved with the
// draft, warns when its year is not the year before, and goes on 移除 and 清空.
//
// The corpus has no two consecutive years of one agency, so the previous report is made from
// the same agency's 2021 report (平潭综合实验区, public/010) with its year set to 2022 and the
// figures the Y rules compare made to fit the 2023 report (public/012).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, foreignRequests, openPage, servedApp } from './browser.mjs';
import { download } from './exports.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const DIST = process.env.NB_DIST ?? resolve(ROOT, 'dist');
const OUT = resolve(here, '../out');
const CORPUS = process.env.NB_CORPUS ?? resolve(ROOT, '../shared/corpus/public');

const app = servedApp(DIST, OUT);

const CURRENT = resolve(CORPUS, '012_pingtan_gwh_2023.json');
const EARLIER = resolve(CORPUS, '010_pingtan_gwh_2021.json');
const EARLIER_TEXT = resolve(CORPUS, '010_pingtan_gwh_2021.txt');

const yFindings = (page) => page.locator('[data-testid=finding][data-rule^="Y-"]');
const yoyChart = (page) => page.getByTestId('nb-chart-yoy');
const input = (page, key) => page.locator(`[id="nb-c-${key}"] input`);

/**
 * The 2021 report as the year before 2023: year 2022, 结转下年度 (r4) equal to 2023's 上年结转
 * (r2) and 现行有效件数 such that 2023's 制发/废止 lead to its own count, so that no Y rule fires.
 */
/** Opens the app and loads the current report (public/012) through 打开文件. */
async function openWithCurrent(size) {
  const opened = await openPage(app.browser, app.server.url, size);
  const { page } = opened;
  try {
    await page.getByTestId('title').waitFor({ state: 'visible' });
    await page.getByTestId('file').setInputFiles(CURRENT);
    await page.getByTestId('report').waitFor({ timeout: 30000 });
  } catch (e) {
    await opened.context.close();
    throw e;
  }
  return opened;
}

async function previousFor(current) {
  const prev = JSON.parse(await readFile(EARLIER, 'utf8'));
  prev.year = current.year - 1;
  for (const [key, value] of Object.entries(current.cells)) {
    if (key.startsWith('s3.r2.')) prev.cells[key.replace('s3.r2.', 's3.r4.')] = value;
  }
  for (const row of ['rules', 'normative']) {
    const c = (col) => current.cells[`s2.${row}.${col}`];
    prev.cells[`s2.${row}.in_force`] = c('in_force') - c('issued') + c('repealed');
  }
  const path = resolve(OUT, 'previous-2022.json');
  await writeFile(path, JSON.stringify(prev));
  return path;
}

test('上年年报: opened from a file → year-over-year chart and Y rules; saved with the draft; 移除', async (t) => {
  if (!existsSync(CURRENT) || !existsSync(EARLIER)) return t.skip(`no corpus at ${CORPUS}`);
  const current = JSON.parse(await readFile(CURRENT, 'utf8'));
  const previous = await previousFor(current);
  const opened = await openWithCurrent({ width: 1280, height: 900 });
  const { page } = opened;
  try {
    const block = page.getByTestId('previous');
    await block.waitFor({ state: 'visible' });
    assert.equal(await yoyChart(page).count(), 0, 'no year-over-year chart without a previous report');
    assert.equal(await yFindings(page).count(), 0);

    // Open the previous report through the block's own file input (labelled, keyboard-reachable).
    const file = block.getByLabel(/打开文件/);
    assert.equal(await file.getAttribute('data-testid'), 'previous-file');
    await file.setInputFiles(previous);
    const meta = page.getByTestId('previous-meta');
    await meta.waitFor({ timeout: 30000 });
    assert.match(await meta.textContent(), /2022 年 · 平潭综合实验区/);
    assert.equal(await page.getByTestId('previous-notes').locator('li').count(), 0, 'the year before: no warning');
    await yoyChart(page).waitFor();
    // The charts block is rendered when it comes near the viewport (content-visibility: auto):
    // scroll to it and wait for its rendered text.
    await yoyChart(page).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => /与上一年度比较/.test(document.querySelector('[data-testid=nb-chart-yoy]')?.innerText ?? ''));
    const yoy = await yoyChart(page).innerText();
    assert.match(yoy, /与上一年度比较/);
    assert.match(yoy, /2022年[\s\S]*2023年/);
    assert.equal(await yFindings(page).count(), 0, 'figures that carry over: no Y finding');

    // 上年结转 that differs from last year's 结转下年度 → Y-01 on that cell.
    await input(page, 's3.r2.natural').fill('5');
    await input(page, 's3.r2.natural').press('Tab');
    const y01 = page.locator('[data-testid=finding][data-rule="Y-01"]');
    await y01.first().waitFor();
    assert.match(await y01.first().textContent(), /上年报告结转下年度 0 件，本年报告上年结转 5 件/);
    await y01.first().getByRole('button').click();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 's3.r2.natural');

    await page.getByTestId('previous').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(OUT, 'state-previous.png') });
    await yoyChart(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(OUT, 'state-previous-chart.png') });
    await axe(page, 'previous loaded');

    // The HTML download carries the year-over-year chart too.
    const html = await download(page, OUT, 'html', 'previous-');
    assert.match(html.bytes.toString('utf8'), /与上一年度比较/);

    // Reload: the draft brings back the report, the edit and the previous report.
    await page.waitForTimeout(600);
    await page.reload();
    await meta.waitFor({ timeout: 30000 });
    assert.match(await meta.textContent(), /2022 年/);
    await y01.first().waitFor();
    await yoyChart(page).waitFor();

    // 移除: the chart and the Y findings go; focus returns to the block's file input.
    await page.getByTestId('previous-remove').click();
    await page.getByTestId('previous-file').waitFor({ state: 'attached' });
    assert.equal(await yFindings(page).count(), 0);
    assert.equal(await yoyChart(page).count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'nb-prev-file');
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 30000 });
    assert.equal(await meta.count(), 0, 'removed for good');

    assert.deepEqual(opened.consoleErrors, [], 'console errors');
    assert.deepEqual(foreignRequests(opened.requests), [], 'requests that left 127.0.0.1');
  } finally {
    await opened.context.close();
  }
});

test('上年年报: pasted text of another year is used with a warning; bad input is explained; 清空 removes it', async (t) => {
  if (!existsSync(CURRENT) || !existsSync(EARLIER_TEXT)) return t.skip(`no corpus at ${CORPUS}`);
  const opened = await openWithCurrent({ width: 1280, height: 900 });
  const { page } = opened;
  try {

    // Not a report: a clear message in both languages, nothing loaded.
    const toggle = page.getByTestId('previous-paste-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByTestId('previous-paste').isVisible(), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const box = page.getByRole('textbox', { name: '粘贴上年年报全文' });
    await box.fill('你好，这不是年报。');
    await page.getByTestId('previous-read').click();
    const error = page.getByTestId('previous-error');
    await error.waitFor({ timeout: 30000 });
    assert.match(await error.textContent(), /无法读取上年年报：[\s\S]*The previous year's report could not be read/);
    assert.equal(await page.getByTestId('previous-meta').count(), 0);

    // The 2021 report pasted as the year before 2023: used, with a warning about the year.
    const text = await readFile(EARLIER_TEXT, 'utf8');
    await box.evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.focus();
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    const meta = page.getByTestId('previous-meta');
    await meta.waitFor({ timeout: 30000 });
    assert.match(await meta.textContent(), /2021 年/);
    assert.equal(await error.count(), 0, 'the error went');
    const notes = page.getByTestId('previous-notes');
    assert.match(await notes.textContent(), /年度不符：上年年报是 2021 年度的，本报告是 2023 年度，上一年度应为 2022 年/);
    await yoyChart(page).waitFor();
    // Its figures do not carry over to 2023 (2021's 结转下年度 is 1, 2023's 上年结转 0).
    await page.locator('[data-testid=finding][data-rule="Y-01"]').first().waitFor();
    await page.getByTestId('lang').click();
    assert.match(await notes.textContent(), /Year mismatch: the previous report is for 2021 and this report for 2023/);
    assert.match(await page.getByTestId('previous').textContent(), /Previous year's report/);
    await page.getByTestId('lang').click();
    await page.getByTestId('previous').screenshot({ path: resolve(OUT, 'state-previous-warning.png') });
    await axe(page, 'previous with a warning');

    // 清空 removes it with the report; a new report starts without one.
    await page.getByTestId('clear').click();
    await page.getByTestId('clear-confirm').click();
    await page.getByTestId('sample').click();
    await page.getByTestId('report').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('previous-meta').count(), 0);
    assert.equal(await yoyChart(page).count(), 0);

    assert.deepEqual(opened.consoleErrors, [], 'console errors');
    assert.deepEqual(foreignRequests(opened.requests), [], 'requests that left 127.0.0.1');
  } finally {
    await opened.context.close();
  }
});

test('上年年报 on a narrow screen (360 px): no horizontal scroll', async (t) => {
  if (!existsSync(CURRENT) || !existsSync(EARLIER)) return t.skip(`no corpus at ${CORPUS}`);
  const current = JSON.parse(await readFile(CURRENT, 'utf8'));
  const previous = await previousFor(current);
  const opened = await openWithCurrent({ width: 360, height: 740 });
  const { page } = opened;
  try {
    await page.getByTestId('previous-file').setInputFiles(previous);
    await page.getByTestId('previous-meta').waitFor({ timeout: 30000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: resolve(OUT, 'state-previous-narrow.png') });
    assert.deepEqual(opened.consoleErrors, [], 'console errors');
  } finally {
    await opened.context.close();
  }
});
