// End-to-end: loading, checking, editing and saving a report in the release build.
// The corpus is read from ../shared/corpus relative to the repository root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, foreignRequests, openPage, servedApp } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const DIST = process.env.NB_DIST ?? resolve(ROOT, 'dist');
const OUT = resolve(here, '../out');
const CORPUS = process.env.NB_CORPUS ?? resolve(ROOT, '../shared/corpus');

const app = servedApp(DIST, OUT);

/** Opens the app with an empty draft store. */
async function fresh(viewport) {
  const opened = await openPage(app.browser, app.server.url, viewport);
  await opened.page.getByTestId('title').waitFor({ state: 'visible' });
  return opened;
}

/** Pastes plain text (or HTML) into the paste box through a real paste event. */
async function paste(page, { text = '', html = '' }) {
  const box = page.getByTestId('paste');
  await box.waitFor({ state: 'visible' });
  await box.evaluate(
    (el, { text, html }) => {
      const data = new DataTransfer();
      if (html) data.setData('text/html', html);
      data.setData('text/plain', text);
      el.focus();
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { text, html },
  );
  await page.getByTestId('report').waitFor({ state: 'visible', timeout: 20000 });
}

const cell = (page, key) => page.locator(`[id="nb-c-${key}"]`);
const input = (page, key) => cell(page, key).locator('input');

function clean({ requests, consoleErrors }) {
  assert.deepEqual(consoleErrors, [], 'console errors');
  assert.deepEqual(foreignRequests(requests), [], 'requests that left 127.0.0.1');
}

test('empty state is accessible (axe) and screenshot', async () => {
  const opened = await fresh();
  try {
    await opened.page.screenshot({ path: resolve(OUT, 'state-empty.png') });
    await axe(opened.page, 'empty');
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('sample loads a 2021 report laid out like the template; edit, undo, reload', async () => {
  const opened = await fresh();
  const { page } = opened;
  try {
    const timings = [];
    page.on('console', (m) => m.type() === 'debug' && timings.push(m.text()));
    await page.getByTestId('sample').click();
    await page.getByTestId('report').waitFor();
    assert.match(await page.getByTestId('verdict').textContent(), /2021 版格式/);
    // Section 3 header note and merged result group are there.
    assert.equal(await page.locator('.nb-s3 thead .nb-note').count(), 1);
    assert.equal(await page.locator('.nb-s3 th[rowspan]', { hasText: '三、本年度办理结果' }).count(), 1);
    assert.equal(await page.locator('.nb-s4 thead tr').count(), 3);
    assert.equal(await input(page, 's3.r1.natural').inputValue(), '3001');
    await page.screenshot({ path: resolve(OUT, 'state-loaded-2021.png'), fullPage: false });
    await axe(page, 'loaded');

    // Edit a value: re-checked live; the edit-to-view time is exposed.
    const before = await input(page, 's4.review.upheld').inputValue();
    await input(page, 's4.review.upheld').fill('999');
    await input(page, 's4.review.upheld').press('Tab');
    await page.waitForFunction(() => document.querySelector('.nb-app').dataset.recheckMs);
    const ms = Number(await page.locator('.nb-app').getAttribute('data-recheck-ms'));
    console.log(`edit → view: ${ms} ms; ${timings.slice(-4).join(' | ')}`);
    assert.ok(await cell(page, 's4.review.upheld').evaluate((e) => e.classList.contains('is-edited')));

    // Reload: the draft comes back, and undo restores the previous value.
    await page.waitForTimeout(600);
    await page.reload();
    await input(page, 's4.review.upheld').waitFor();
    assert.equal(await input(page, 's4.review.upheld').inputValue(), '999');
    await page.getByTestId('undo').click();
    assert.equal(await input(page, 's4.review.upheld').inputValue(), before);
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await input(page, 's4.review.upheld').inputValue(), '999');
    await page.keyboard.press('Control+z');
    assert.equal(await input(page, 's4.review.upheld').inputValue(), before);

    // Clear asks first, then discards the draft.
    await page.getByTestId('clear').click();
    await page.getByTestId('clear-confirm').click();
    await page.getByTestId('paste').waitFor();
    await page.reload();
    await page.getByTestId('paste').waitFor();
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('blank stays blank, "/" stays "/", and bad input is flagged as typed', async () => {
  const opened = await fresh();
  const { page } = opened;
  try {
    await page.getByTestId('new').click();
    await page.getByTestId('new-form').getByRole('button', { name: '创建' }).click();
    await page.getByTestId('report').waitFor();
    assert.equal(await input(page, 's3.r1.natural').inputValue(), '');
    assert.ok(await cell(page, 's3.r1.natural').evaluate((e) => e.classList.contains('is-blank')));
    await input(page, 's3.r1.natural').fill('/');
    assert.ok(await cell(page, 's3.r1.natural').evaluate((e) => e.classList.contains('is-mark')));
    await input(page, 's3.r1.natural').fill('12a');
    assert.equal(await input(page, 's3.r1.natural').getAttribute('aria-invalid'), 'true');
    await input(page, 's3.r1.natural').press('Escape');
    assert.equal(await input(page, 's3.r1.natural').inputValue(), '');
    // Arrow keys move between cells.
    await input(page, 's3.r1.natural').press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 's3.r2.natural');
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('narrow screen (360 px): one column, findings drawer, no horizontal scroll', async () => {
  const opened = await fresh({ width: 360, height: 740 });
  const { page } = opened;
  try {
    await page.getByTestId('sample').click();
    await page.getByTestId('report').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: resolve(OUT, 'state-narrow-360.png') });
    await page.getByTestId('drawer-toggle').click();
    await page.screenshot({ path: resolve(OUT, 'state-narrow-360-drawer.png') });
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('paste weihai 2020 text → tables filled, S-07 on the 国家秘密 row', async () => {
  const opened = await fresh();
  const { page } = opened;
  try {
    const text = await readFile(resolve(CORPUS, 'public/000_weihai_gxj_2020.txt'), 'utf8');
    await paste(page, { text });
    assert.match(await page.getByTestId('verdict').textContent(), /2019 版格式/);
    assert.notEqual(await input(page, 's3.r1.total').inputValue(), '');
    const s07 = page.locator('[data-testid=finding][data-rule="S-07"]');
    await s07.first().waitFor();
    assert.match(await s07.first().textContent(), /国际秘密|国家秘密/);
    // The 国家秘密 row carries it: 定位 goes there and the cell is marked as a warning.
    await s07.first().getByRole('button').click();
    const key = await page.evaluate(() => document.activeElement.dataset.key);
    assert.match(key ?? '', /^s3\.r3_3_1\./, 'S-07 points at the 国家秘密 row');
    assert.ok(await cell(page, key).evaluate((e) => e.classList.contains('is-warning')));
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('paste pingtan 2022 text → T3-03 errors on their cells; fixing one updates the summary', async () => {
  const opened = await fresh();
  const { page } = opened;
  try {
    const text = await readFile(resolve(CORPUS, 'public/033_pingtan_junshanpianqu_2022.txt'), 'utf8');
    await paste(page, { text });
    const t303 = page.locator('[data-testid=finding][data-rule="T3-03"].is-error');
    await t303.first().waitFor();
    const count = await t303.count();
    const verdictBefore = await page.getByTestId('verdict-text').textContent();
    await page.screenshot({ path: resolve(OUT, 'state-errors.png') });
    // Locate one that names a single likely mistake: that cell gets focus and the error mark.
    const located = page.locator('[data-testid=finding][data-rule="T3-03"][data-fix]').first();
    const fix = (await located.getAttribute('data-fix')).split(';').map((kv) => kv.split('='));
    await located.getByRole('button').click();
    const key = await page.evaluate(() => document.activeElement.dataset.key);
    assert.equal(key, fix[0][0], 'the likely mistake has focus');
    assert.ok(await cell(page, key).evaluate((e) => e.classList.contains('is-focused')));
    assert.ok(await cell(page, key).evaluate((e) => e.classList.contains('is-error')));
    await page.screenshot({ path: resolve(OUT, 'state-finding-focused.png') });
    await axe(page, 'errors');
    // Type the values the other cells imply: the identity holds, the error goes.
    const errors = async () => page.locator('[data-testid=finding].is-error').count();
    const before = await errors();
    for (const [k, v] of fix) await input(page, k).fill(v);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=finding].is-error').length < n, before);
    assert.ok((await t303.count()) < count, 'that T3-03 error is gone');
    assert.notEqual(await page.getByTestId('verdict-text').textContent(), verdictBefore);
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('paste clipboard HTML (pingtan 2024) → read', async () => {
  const opened = await fresh();
  const { page } = opened;
  try {
    const html = await readFile(resolve(CORPUS, 'html/005_pingtan_jtjsj_2024.html'), 'utf8');
    await paste(page, { html, text: 'x' });
    assert.match(await page.getByTestId('verdict').textContent(), /2021 版格式/);
    assert.notEqual(await input(page, 's3.r1.total').inputValue(), '');
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

for (const file of ['docx/002_huaian_szf_2024.docx', 'pdf/002_huaian_szf_2024.pdf', 'xlsx/002_huaian_szf_2024.xlsx']) {
  test(`open file ${file} → read`, async () => {
    const opened = await fresh();
    const { page } = opened;
    try {
      await page.getByTestId('file').setInputFiles(resolve(CORPUS, file));
      await page.getByTestId('report').waitFor({ timeout: 30000 });
      assert.match(await page.getByTestId('verdict').textContent(), /2021 版格式/);
      assert.equal(await input(page, 's3.r1.natural').inputValue(), '3001');
      clean(opened);
    } finally {
      await opened.context.close();
    }
  });
}

test('a marked cell shows its findings on hover and on focus; Esc closes; accessible', async () => {
  const opened = await fresh();
  const { page } = opened;
  try {
    await page.getByTestId('sample').click();
    await page.getByTestId('report').waitFor();
    // Break an identity: the cell gets an error mark.
    await input(page, 's3.r1.natural').fill('9999');
    await page.evaluate(() => document.activeElement.blur());
    const marked = page.locator('td.nb-cell.is-error').first();
    await marked.waitFor();
    const key = await marked.locator('input').getAttribute('data-key');
    const rules = await page.evaluate(
      (key) => [...document.querySelectorAll('[data-testid=finding]')].map((f) => f.dataset.rule),
      key,
    );
    const tip = page.getByTestId('cell-tip');
    assert.equal(await tip.isVisible(), false, 'closed at first');

    // Hover: the popover lists the cell's findings and describes its input.
    await marked.hover();
    await tip.waitFor({ state: 'visible' });
    const hovered = await tip.textContent();
    assert.ok(rules.some((r) => hovered.includes(r)), `popover names a rule id: ${hovered}`);
    assert.match(hovered, /错误|提醒|无法判断/);
    assert.equal(await marked.locator('input').getAttribute('aria-describedby'), 'nb-tip');
    await page.screenshot({ path: resolve(OUT, 'state-cell-tip-hover.png') });
    await axe(page, 'cell popover open');
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });

    // Keyboard focus: the same popover; Esc closes it and keeps focus and value.
    await page.mouse.move(0, 0);
    const value = await marked.locator('input').inputValue();
    await marked.locator('input').focus();
    await tip.waitFor({ state: 'visible' });
    const focusedText = await tip.textContent();
    assert.ok(rules.some((r) => focusedText.includes(r)), `popover names a rule id: ${focusedText}`);
    await marked.locator('input').press('Escape');
    await tip.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.key), key);
    assert.equal(await marked.locator('input').inputValue(), value);
    assert.equal(await marked.locator('input').getAttribute('aria-describedby'), null);
    clean(opened);
  } finally {
    await opened.context.close();
  }
});

test('cell popover fits a 360 px screen', async () => {
  const opened = await fresh({ width: 360, height: 740 });
  const { page } = opened;
  try {
    await page.getByTestId('sample').click();
    await page.getByTestId('report').waitFor();
    await input(page, 's3.r1.natural').fill('9999');
    await input(page, 's3.r1.natural').press('Tab');
    const marked = page.locator('td.nb-cell.is-error').first();
    await marked.waitFor();
    await marked.scrollIntoViewIfNeeded();
    await marked.locator('input').focus();
    const tip = page.getByTestId('cell-tip');
    await tip.waitFor({ state: 'visible' });
    const box = await tip.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `popover inside the screen: ${JSON.stringify(box)}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: resolve(OUT, 'state-cell-tip-360.png') });
    clean(opened);
  } finally {
    await opened.context.close();
  }
});
