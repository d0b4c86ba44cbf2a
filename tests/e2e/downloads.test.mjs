// End-to-end: charts, downloads (through the on-demand Web Worker) and the rules reference,
// mounted with nb_mount_extras (src/components/harness.rs) into the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foreignRequests, openPage, servedApp } from './browser.mjs';
import { verifyDownloads } from './exports.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.NB_DIST ?? resolve(here, '../../dist');
const OUT = resolve(here, '../out');
const CORPUS = process.env.NB_CORPUS ?? resolve(here, '../../../shared/corpus/public');

const app = servedApp(DIST, OUT);

// Column headings only one of the two templates has (section 2).
const HEADINGS_2019 = ['本年新制作数量', '对外公开总数量', '上一年项目数量', '本年增/减'];
const HEADINGS_2021 = ['本年制发件数', '现行有效件数'];

const isWorker = (url) => new URL(url).pathname.includes('nianbao-worker');

async function corpusJson(name) {
  const path = resolve(CORPUS, name);
  return existsSync(path) ? readFile(path, 'utf8') : null;
}

/** Opens the app and mounts the extras for a report; returns the page handles. */
async function openExtras({ report, previous = null, width = 1280 } = {}) {
  const handles = await openPage(app.browser, app.server.url, { width, height: 900 });
  const { page } = handles;
  await page.getByTestId('title').waitFor({ state: 'visible' });
  await page.evaluate(
    async ([r, p]) => {
      const host = document.createElement('div');
      host.id = 'extras-host';
      document.body.append(host);
      // The extras live in the checker module, which the start page loads on demand.
      const checker = await window.wasmBindings.nb_checker();
      checker.nb_mount_extras(host, r, p, null);
    },
    [report, previous],
  );
  await page.getByTestId('extras').waitFor({ state: 'attached' });
  return handles;
}

test('worker is not fetched at page load; downloads load it once and produce every format (2021 template)', async (t) => {
  const report = await corpusJson('002_huaian_szf_2024.json');
  if (!report) return t.skip(`no corpus at ${CORPUS}`);
  const { context, page, requests, consoleErrors } = await openExtras({ report });
  try {
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requests.filter(isWorker), [], 'worker fetched at page load');
    const meta = await page.locator('meta[name="nianbao-worker"]').getAttribute('content');
    assert.match(meta, /nianbao-worker.*_loader\.js/);

    const files = await verifyDownloads({
      page,
      browser: app.browser,
      out: OUT,
      report: JSON.parse(report),
      headings: HEADINGS_2021,
      absent: HEADINGS_2019,
    });
    assert.equal(JSON.parse(files.json.bytes).report.cells['s3.r3_1.natural'], 1288);
    assert.ok(requests.some((u) => isWorker(u) && u.includes('_bg.wasm')), 'worker wasm fetched on first use');
    assert.match(await page.getByTestId('download-status').textContent(), /已生成/);

    // The worker is created once and reused.
    const workerWasm = requests.filter((u) => isWorker(u) && u.includes('_bg.wasm'));
    assert.equal(workerWasm.length, 1, `worker wasm requests: ${workerWasm}`);
    assert.deepEqual(consoleErrors, [], 'console errors');
    assert.deepEqual(foreignRequests(requests), [], 'requests that left 127.0.0.1');
  } finally {
    await context.close();
  }
});

test('2019 template (威海 2020): every download from the app holds the report', async (t) => {
  const path = resolve(CORPUS, '000_weihai_gxj_2020.json');
  if (!existsSync(path)) return t.skip(`no corpus at ${CORPUS}`);
  const report = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(report.template, '2019');
  const { context, page, requests, consoleErrors } = await openPage(app.browser, app.server.url, { height: 900 });
  try {
    await page.getByTestId('title').waitFor({ state: 'visible' });
    await page.getByTestId('file').setInputFiles(path);
    await page.getByTestId('report').waitFor({ timeout: 30000 });
    assert.match(await page.getByTestId('verdict').textContent(), /2019 版格式/);
    await verifyDownloads({
      page,
      browser: app.browser,
      out: OUT,
      report,
      prefix: '2019-',
      headings: HEADINGS_2019,
      absent: HEADINGS_2021,
    });
    assert.match(await page.getByTestId('download-status').textContent(), /已生成/);
    assert.deepEqual(consoleErrors, [], 'console errors');
    assert.deepEqual(foreignRequests(requests), [], 'requests that left 127.0.0.1');
  } finally {
    await context.close();
  }
});

test('charts: SVG with accessible tables, reasons on demand, year over year, SVG and PNG downloads', async (t) => {
  const report = await corpusJson('002_huaian_szf_2024.json');
  const previous = await corpusJson('004_hongzequ_qzf_2024.json');
  if (!report || !previous) return t.skip(`no corpus at ${CORPUS}`);
  const { context, page, consoleErrors } = await openExtras({ report, previous });
  try {
    const charts = page.getByTestId('charts');
    await charts.waitFor({ state: 'visible' });
    const svgs = charts.locator('.nb-chart-svg svg[role="img"]');
    assert.ok((await svgs.count()) >= 5, `svg charts: ${await svgs.count()}`);
    assert.equal(await page.getByTestId('nb-chart-yoy').count(), 1, 'year-over-year chart');
    // Each chart carries its data table (inside a disclosure).
    assert.ok((await charts.locator('table.nb-chart-data').count()) >= 5);
    // The sub-reasons open on demand.
    const reasons = page.getByTestId('chart-reasons');
    assert.equal(await reasons.locator('svg').isVisible(), false);
    await reasons.locator(':scope > summary').click();
    await reasons.locator('svg').first().waitFor({ state: 'visible' });

    const first = charts.locator('.nb-chart-figure').first();
    const [svgDl] = await Promise.all([
      page.waitForEvent('download'),
      first.getByRole('button', { name: '下载 SVG' }).click(),
    ]);
    assert.match(svgDl.suggestedFilename(), /\.svg$/);
    const [pngDl] = await Promise.all([
      page.waitForEvent('download'),
      first.getByRole('button', { name: '下载 PNG' }).click(),
    ]);
    assert.match(pngDl.suggestedFilename(), /\.png$/);
    const pngPath = resolve(OUT, 'chart-download.png');
    await pngDl.saveAs(pngPath);
    const png = await readFile(pngPath);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');

    await charts.screenshot({ path: resolve(OUT, 'charts.png') });
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('rules reference: anchors open the rule; print hides the controls', async (t) => {
  const report = await corpusJson('002_huaian_szf_2024.json');
  if (!report) return t.skip(`no corpus at ${CORPUS}`);
  const { context, page, consoleErrors } = await openExtras({ report });
  try {
    const rules = page.getByTestId('rules-ref');
    await rules.waitFor({ state: 'visible' });
    const i04 = page.locator('#rule-I-04');
    assert.equal(await i04.getAttribute('open'), null);
    await page.evaluate(() => {
      window.location.hash = '#rule-I-04';
    });
    await page.waitForFunction(() => document.getElementById('rule-I-04')?.open === true);
    // The doc texts come from the worker when a rule is first opened.
    await page.waitForFunction(() => !document.querySelector('#rule-I-04 .nb-rule-loading'));
    assert.match(await i04.innerText(), /I-04 · 错误[\s\S]*无法读取/);
    const ids = await rules.locator('details.nb-rule').evaluateAll((els) => els.map((e) => e.id));
    assert.ok(ids.includes('rule-I-01') && ids.includes('rule-I-05'), ids.join(' '));

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('downloads').isVisible(), false, 'downloads hidden in print');
    assert.equal(await rules.isVisible(), false, 'rules reference hidden in print');
    await writeFile(resolve(OUT, 'extras-print.pdf'), await page.pdf({ format: 'A4' }));
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('heavy imports (DOCX, PDF) run in the worker and read the 淮安 2024 cells', async (t) => {
  const files = ['docx/002_huaian_szf_2024.docx', 'pdf/002_huaian_szf_2024.pdf']
    .map((f) => resolve(CORPUS, '..', f))
    .filter((f) => existsSync(f));
  if (files.length === 0) return t.skip(`no corpus at ${CORPUS}`);
  const { context, page, requests, consoleErrors } = await openPage(app.browser, app.server.url);
  try {
    await page.getByTestId('title').waitFor({ state: 'visible' });
    for (const file of files) {
      const bytes = [...(await readFile(file))];
      const name = file.split('/').pop();
      const json = await page.evaluate(
        async ([b, n]) => (await window.wasmBindings.nb_checker()).nb_import_file(new Uint8Array(b), n),
        [bytes, name],
      );
      const imported = JSON.parse(json);
      const errors = imported.findings.filter((f) => f.rule === 'I-04');
      assert.deepEqual(errors, [], `${name}: unreadable`);
      assert.equal(imported.report.cells['s3.r3_1.natural'], 1288, `${name}: s3.r3_1.natural`);
    }
    assert.equal(requests.filter((u) => isWorker(u) && u.includes('_bg.wasm')).length, 1, 'one worker');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});
