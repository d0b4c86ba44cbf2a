// Downloads from the app's menu (data-testid="download-…") and what each must contain, shared
// by the download tests of both templates. No dependency: the zip reader covers what our own
// exporter writes (stored entries) and deflated entries through node:zlib.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';

export const FORMATS = ['json', 'docx', 'xlsx', 'csv', 'html'];

/** Clicks a download button and saves the file as `${OUT}/${prefix}download.${format}`. */
export async function download(page, out, format, prefix = '') {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${format}`).click()]);
  const path = resolve(out, `${prefix}download.${format}`);
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), bytes: await readFile(path), path };
}

/** The entries of a zip file: name → bytes. Throws on anything that is not a zip. */
export function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'zip: central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    assert.equal(buf.readUInt32LE(local), 0x04034b50, `zip: local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    entries.set(name, method === 0 ? raw : inflateRawSync(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), BOM dropped: a list of rows. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const count = (list) => list.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map());

/** The report's numeric cell values (as printed by JavaScript), those of one table if given. */
function numbers(cells, table = '') {
  return Object.entries(cells)
    .filter(([k, v]) => k.startsWith(table) && typeof v === 'number')
    .map(([, v]) => String(v));
}

/** The values in `want` that `have` lacks (each counted with its multiplicity). */
function lacking(have, want) {
  const h = count(have);
  const out = [];
  for (const [v, n] of count(want)) if ((h.get(v) ?? 0) < n) out.push(`${v} ×${n - (h.get(v) ?? 0)}`);
  return out;
}

/**
 * Downloads every format from the page's menu and checks each against `report` (a DATA.md
 * report document): JSON and CSV hold its values exactly, DOCX and XLSX are zips with their
 * parts and every number of the tables, the HTML opens in Chromium with JavaScript off and
 * shows the template's headings (`headings`) and none of `absent`.
 */
export async function verifyDownloads({ page, browser, out, report, prefix = '', headings = [], absent = [] }) {
  const files = {};
  for (const format of FORMATS) {
    files[format] = await download(page, out, format, prefix);
    assert.ok(files[format].name.endsWith(`.${format}`), `${format}: file name ${files[format].name}`);
  }

  // JSON: the report document with the findings; every cell as in the report.
  const doc = JSON.parse(files.json.bytes.toString('utf8'));
  assert.equal(doc.report.template, report.template, 'json: template');
  assert.equal(doc.report.year, report.year, 'json: year');
  assert.equal(doc.report.agency, report.agency, 'json: agency');
  assert.deepEqual(doc.report.cells, report.cells, 'json: cells');
  assert.equal(doc.findings.schema, 'nianbao.findings/1', 'json: findings document');
  assert.ok(Array.isArray(doc.findings.findings), 'json: findings');

  // CSV (key,label,value): metadata rows, then one row per cell of the report.
  const rows = parseCsv(files.csv.bytes.toString('utf8'));
  assert.deepEqual(rows[0], ['key', 'label', 'value'], 'csv: header');
  const byKey = new Map(rows.slice(1).map((r) => [r[0], r[2]]));
  assert.equal(byKey.get('template'), report.template, 'csv: template');
  assert.equal(byKey.get('year'), String(report.year), 'csv: year');
  assert.equal(byKey.get('agency'), report.agency, 'csv: agency');
  const cellRows = [...byKey.keys()].filter((k) => /^s[234]\./.test(k));
  assert.deepEqual(cellRows.sort(), Object.keys(report.cells).sort(), 'csv: the same cells');
  for (const [key, value] of Object.entries(report.cells)) {
    assert.equal(byKey.get(key), value === null ? '' : String(value), `csv: ${key}`);
  }

  // DOCX: the parts of a Word document; every number of the tables in its text runs.
  const docx = unzip(files.docx.bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']) {
    assert.ok(docx.has(part), `docx: ${part} in ${[...docx.keys()]}`);
  }
  const body = docx.get('word/document.xml').toString('utf8');
  const runs = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
  assert.deepEqual(lacking(runs, numbers(report.cells)), [], 'docx: numbers missing from the text');
  for (const h of headings) assert.ok(runs.some((r) => r.includes(h)), `docx: heading ${h}`);

  // XLSX: a workbook with one sheet per table; each sheet holds exactly its table's numbers.
  const xlsx = unzip(files.xlsx.bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/styles.xml']) {
    assert.ok(xlsx.has(part), `xlsx: ${part} in ${[...xlsx.keys()]}`);
  }
  const workbook = xlsx.get('xl/workbook.xml').toString('utf8');
  const sheets = [...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(sheets.slice(0, 3), ['表二', '表三', '表四'], 'xlsx: sheets');
  ['s2.', 's3.', 's4.'].forEach((table, i) => {
    const sheet = xlsx.get(`xl/worksheets/sheet${i + 1}.xml`)?.toString('utf8') ?? '';
    const values = [...sheet.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1]);
    assert.deepEqual(values.map(Number).sort(), numbers(report.cells, table).map(Number).sort(), `xlsx: ${table} numbers`);
  });

  // HTML: no script; read with JavaScript disabled it still shows the tables and numbers.
  const html = files.html.bytes.toString('utf8');
  assert.doesNotMatch(html, /<script/i, 'html: no script');
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  try {
    const p = await noJs.newPage();
    await p.goto(pathToFileURL(files.html.path).href);
    assert.ok((await p.locator('table').count()) >= 3, 'html: tables');
    const text = await p.locator('body').innerText();
    assert.match(text, /政府信息公开/);
    for (const h of headings) assert.ok(text.includes(h), `html: heading ${h}`);
    for (const h of absent) assert.ok(!text.includes(h), `html: ${h} belongs to the other template`);
    const shown = text.split(/\s+/);
    assert.deepEqual(lacking(shown, numbers(report.cells, 's3.')), [], 'html: section 3 numbers');
    await p.screenshot({ path: resolve(out, `${prefix}export-html-nojs.png`), fullPage: true });
  } finally {
    await noJs.close();
  }
  return files;
}
