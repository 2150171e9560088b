// Drives the studio page (GET /api/studio) in headless Chromium as a person would: clicks its tabs, sets its real file
// inputs, fills and submits its forms, and records what the page then SHOWS (not what the API answered) for a test to
// assert, with optional full-page screenshots of each view.
//
//   node tests/Siamese.Functions.Tests/Studio/drive-studio.mjs <studioUrl> <plan.json> <out.json> [screenshotDir]
//
// plan.json, every part optional, run in this order: compare, gallery (each enrol, then identify, then verify), models,
// upload; then, with "phone": true, each of those views again at 390x844 (overflow measured, <view>-phone.png saved).
//   { "model": "default", "viewport": { "width": 1280, "height": 900 }, "phone": false,
//     "compare": { "image1": "/abs/a.png", "image2": "/abs/b.png" },
//     "gallery": { "name": "g1", "enrol": [ { "label": "alice", "image": "/abs/x.png" } ], "identify": "/abs/q.png",
//                  "verify": { "label": "alice", "image": "/abs/q.png" } },
//     "models": { "detail": "default" },
//     "upload": { "zip": "/abs/z.zip", "model": "m", "recipe": "", "waitFor": "Ready" | "finished", "timeoutSeconds": 120 },
//     "expectFailures": [ "POST /api/compare 400" ] }
// expectFailures lists answers >= 400 the plan provokes on purpose (method, a path the URL's path ends with, status);
// opening a gallery before its first image (GET galleries/{name} 404) and a model without pictures (curves.png,
// report.html 404) are expected always.
//
// out.json: what each part showed (see the parts below), consoleErrors, failedRequests ("METHOD url status" for every
// unexpected answer >= 400, "METHOD url other-origin" for any request off the page's origin). What the page shows is
// recorded as its text: similarity, threshold and scores with their 4 decimals ("0.8731"), a model row's runId and
// epoch as its data-run-id and data-epoch ("12"); only counts are numbers (upload.epochs, previews' width and height).
// upload.state is #upload-progress's data-state (the training's state once one started, else the dataset's);
// upload.datasetState is the dataset's alone, "Ready" whenever waitFor "Ready" was met.
//
// Exit code 0: the run completed (the test asserts out.json). 1: the browser or the page failed to load, or a wait
// timed out (the message, naming the element, on stderr and in out.json's "failures"; out.json is written anyway).
// Needs Debian's chromium (CHROMIUM overrides /usr/bin/chromium) and playwright-core (npm ci).
import { chromium, errors } from 'playwright-core';
import fs from 'node:fs/promises';
import path from 'node:path';

const waitMs = 60_000;
const phoneViewport = { width: 390, height: 844 };

const [studioUrl, planPath, outPath, screenshotDir] = process.argv.slice(2);
if (!studioUrl || !planPath || !outPath) {
  console.error('usage: node drive-studio.mjs <studioUrl> <plan.json> <out.json> [screenshotDir]');
  process.exit(2);
}

const plan = JSON.parse(await fs.readFile(planPath, 'utf8'));
const model = plan.model ?? 'default';
const out = { consoleErrors: [], failedRequests: [] };
const failures = [];

/** A wait that ran out: its message names the element and what it was waiting for. */
class WaitTimeout extends Error {}

// ─── Browser and page ─────────────────────────────────────────────────────────────────────────────────────────────

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

function expectedFailures() {
  const always = [
    { method: 'GET', path: /\/api\/galleries\/[^/]+$/, status: 404 },
    { method: 'GET', path: /\/api\/models\/current\/(curves\.png|report\.html)$/, status: 404 },
  ];
  const planned = (plan.expectFailures ?? []).map(line => {
    const [method, suffix, status] = line.trim().split(/\s+/);
    return { method: method.toUpperCase(), suffix, status: Number(status) };
  });
  return [...always, ...planned];
}

function isExpected(method, url, status) {
  const pathname = new URL(url).pathname;
  return expectedFailures().some(rule => rule.method === method && rule.status === status
    && (rule.path ? rule.path.test(pathname) : pathname.endsWith(rule.suffix)));
}

function watchPage(page, origin) {
  page.on('console', message => {
    // A failed fetch also logs "Failed to load resource": failedRequests reports those, the expected ones left out.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      out.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', error => out.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', request => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol.startsWith('ws')) && url.origin !== origin) {
      out.failedRequests.push(`${request.method()} ${request.url()} other-origin`);
    }
  });
  page.on('response', response => {
    const request = response.request();
    if (response.status() >= 400 && !isExpected(request.method(), response.url(), response.status())) {
      out.failedRequests.push(`${request.method()} ${response.url()} ${response.status()}`);
    }
  });
  page.on('requestfailed', request => {
    if (request.url().startsWith('http')) {
      out.failedRequests.push(`${request.method()} ${request.url()} failed (${request.failure()?.errorText})`);
    }
  });
}

async function openStudio(page) {
  const response = await page.goto(studioUrl, { waitUntil: 'load', timeout: waitMs });
  if (!response || !response.ok()) throw new Error(`${studioUrl} answered ${response ? response.status() : 'nothing'}`);
  await waitFor(page, () => document.documentElement.dataset.studio === 'ready', [], waitMs,
    'the page\'s script to start (html[data-studio="ready"])');
}

// ─── Waiting and reading ──────────────────────────────────────────────────────────────────────────────────────────

async function waitFor(page, predicate, arg, timeoutMs, what, describeNow) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: timeoutMs, polling: 100 });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    const now = describeNow ? ` (${await describeNow().catch(() => 'unreadable')})` : '';
    throw new WaitTimeout(`timed out after ${timeoutMs / 1000} s waiting for ${what}${now}`);
  }
}

/** Waits until the element's data-<attribute> is one of the states; true when it is one of them. */
async function waitForState(page, selector, states, timeoutMs = waitMs) {
  await waitFor(page, ([selector, states]) => states.includes(document.querySelector(selector)?.dataset.state),
    [selector, states], timeoutMs, `${selector} data-state to be ${states.join(' or ')}`,
    async () => `it is "${await attribute(page, selector, 'data-state')}"`);
  return attribute(page, selector, 'data-state');
}

const attribute = (page, selector, name) => page.locator(selector).getAttribute(name);
const text = async (page, selector) => ((await page.locator(selector).textContent()) ?? '').trim();
const shownText = async (page, selector) => (await page.locator(selector).innerText()).trim();
const errorText = async (page, selector) => (await text(page, selector)) || null;

async function openTab(page, view) {
  await page.click(`#tab-${view}`);
  await page.locator(`#view-${view}`).waitFor({ state: 'visible', timeout: waitMs });
}

/** Every image the view shows has loaded (or failed), so a screenshot holds them. */
async function settleImages(page) {
  await page.waitForFunction(() => [...document.images].every(img => img.hidden || !img.src || img.complete),
    undefined, { timeout: 10_000 }).catch(() => {});
}

async function screenshot(page, name) {
  if (!screenshotDir) return;
  await settleImages(page);
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

// ─── Parts ────────────────────────────────────────────────────────────────────────────────────────────────────────

async function runCompare(page, { image1, image2 }) {
  const result = out.compare = { state: null };
  await openTab(page, 'compare');
  await page.setInputFiles('#compare-image1', image1);
  await page.setInputFiles('#compare-image2', image2);
  await page.fill('#compare-model', model);
  await page.click('#compare-submit');
  result.state = await waitForState(page, '#compare-result', ['done', 'error']);
  if (result.state === 'error') {
    result.error = await errorText(page, '#compare-error');
    return;
  }
  result.similarity = await text(page, '#compare-similarity');
  result.call = await text(page, '#compare-call');
  result.threshold = await text(page, '#compare-threshold');
  result.answeredBy = await text(page, '#compare-answered-by');
  result.error = null;
  await waitForState(page, '#compare-previews', ['done', 'error']);
  result.previews = await page.$$eval('#compare-preview1, #compare-preview2', images => images.map(img =>
    (img.hidden || !img.complete || img.naturalWidth === 0 ? { width: null, height: null }
      : { width: img.naturalWidth, height: img.naturalHeight })));
  result.previewCaptions = [await text(page, '#compare-caption1'), await text(page, '#compare-caption2')];
  result.previewError = await errorText(page, '#compare-preview-error');
}

async function runGallery(page, gallery) {
  await openTab(page, 'galleries');
  await page.fill('#gallery-name', gallery.name);
  await page.fill('#gallery-model', model);
  out.enrolled = [];
  for (const { label, image } of gallery.enrol ?? []) out.enrolled.push(await enrol(page, label, image));
  if (gallery.identify) await identify(page, gallery.identify);
  if (gallery.verify) await verify(page, gallery.verify);
}

async function enrol(page, label, image) {
  const before = Number(await attribute(page, '#enrol-result', 'data-count'));
  await page.fill('#enrol-label', label);
  await page.setInputFiles('#enrol-image', image);
  await page.click('#enrol-submit');
  // Done means this enrolment's count, not the previous one's done.
  await waitFor(page, ([before]) => {
    const result = document.querySelector('#enrol-result');
    return result.dataset.state === 'error' || (result.dataset.state === 'done' && Number(result.dataset.count) > before);
  }, [before], waitMs, `#enrol-result data-state done with data-count ${before + 1}, or error (enrolling ${label})`,
  async () => `it is "${await attribute(page, '#enrol-result', 'data-state')}"`);
  const state = await attribute(page, '#enrol-result', 'data-state');
  return state === 'error'
    ? { label, state, text: null, error: await errorText(page, '#enrol-error') }
    : { label, state, text: await text(page, '#enrol-result') };
}

async function identify(page, image) {
  const result = out.identify = { state: null };
  await page.setInputFiles('#identify-image', image);
  await page.click('#identify-submit');
  result.state = await waitForState(page, '#identify-result', ['done', 'error']);
  result.matches = await page.$$eval('#identify-matches > li', items => items.map(li =>
    ({ label: li.dataset.label, score: li.dataset.score })));
  result.text = await shownText(page, '#identify-result');
  result.error = result.state === 'error' ? await errorText(page, '#identify-error') : null;
}

async function verify(page, { label, image }) {
  const result = out.verify = { state: null };
  await page.fill('#verify-label', label);
  await page.setInputFiles('#verify-image', image);
  await page.click('#verify-submit');
  result.state = await waitForState(page, '#verify-result', ['done', 'error']);
  if (result.state === 'error') {
    result.error = await errorText(page, '#verify-error');
    return;
  }
  result.similarity = await text(page, '#verify-similarity');
  result.call = await text(page, '#verify-call');
  result.error = null;
}

async function runModels(page, models) {
  const result = out.models = { state: null };
  await openTab(page, 'models');
  result.state = await waitForState(page, '#models-list', ['done', 'error']);
  result.error = result.state === 'error' ? await errorText(page, '#models-error') : null;
  result.rows = await page.$$eval('#models-list tbody tr[data-model]', rows => rows.map(tr => ({
    model: tr.dataset.model,
    runId: tr.dataset.runId,
    epoch: tr.dataset.epoch,
    text: tr.innerText.trim(),
  })));
  if (!models.detail || result.state !== 'done') return;
  const button = page.locator(`#models-list tr[data-model="${models.detail}"] button`);
  if (await button.count() === 0) {
    result.detail = { state: 'missing', text: null, error: `no row #models-list tr[data-model="${models.detail}"]` };
    return;
  }
  await button.click();
  const state = await waitForState(page, '#model-detail', ['done', 'error']);
  result.detail = {
    state,
    text: await shownText(page, '#model-detail'),
    error: state === 'error' ? await errorText(page, '#model-error') : null,
  };
}

async function runUpload(page, upload) {
  const result = out.upload = { state: null };
  const timeoutMs = (upload.timeoutSeconds ?? 120) * 1000;
  await openTab(page, 'uploads');
  await page.setInputFiles('#upload-zip', upload.zip);
  await page.fill('#upload-model', upload.model ?? model);
  if (upload.recipe) {
    // The recipes arrive from GET api/recipes when the view first opens.
    await page.locator(`#upload-recipe option[value="${upload.recipe}"]`).waitFor({ state: 'attached', timeout: waitMs });
    await page.selectOption('#upload-recipe', upload.recipe);
  }
  await page.click('#upload-submit');
  const finished = (upload.waitFor ?? 'finished') === 'finished';
  try {
    await waitForUpload(page, finished, timeoutMs);
  } finally {
    Object.assign(result, await readUpload(page)); // on a timeout too: what the page showed by then
  }
}

async function waitForUpload(page, finished, timeoutMs) {
  await waitFor(page, ([finished]) => {
    const form = document.querySelector('#upload-form').dataset;
    const progress = document.querySelector('#upload-progress').dataset;
    if (form.state === 'error' || progress.state === 'error' || progress.state === 'Failed') return true;
    if (progress.datasetState === 'Failed' || progress.finished === 'true') return true;
    return !finished && (progress.datasetState === 'Ready' || ['Training', 'Promoted', 'NotPromoted'].includes(progress.state));
  }, [finished], timeoutMs, `#upload-progress to be ${finished ? 'finished (data-finished="true")'
    : 'Ready (data-dataset-state="Ready")'}, or an error`,
  async () => `data-state "${await attribute(page, '#upload-progress', 'data-state')}", data-dataset-state `
    + `"${await attribute(page, '#upload-progress', 'data-dataset-state')}"`);
}

async function readUpload(page) {
  const formFailed = await attribute(page, '#upload-form', 'data-state') === 'error';
  return {
    state: formFailed ? 'error' : await attribute(page, '#upload-progress', 'data-state'),
    datasetState: await attribute(page, '#upload-progress', 'data-dataset-state'),
    finished: await attribute(page, '#upload-progress', 'data-finished') === 'true',
    text: await shownText(page, '#upload-progress'),
    epochs: await page.locator('#upload-epochs tbody tr').count(),
    error: (await errorText(page, '#upload-error')) ?? (await errorText(page, '#upload-progress-error')),
  };
}

async function runPhonePass(page, views) {
  await page.setViewportSize(phoneViewport);
  out.phone = {};
  for (const view of views) {
    await openTab(page, view);
    out.phone[view] = await page.evaluate(() =>
      ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    await screenshot(page, `${view}-phone.png`);
  }
}

/** Runs one part; a timeout or a failure is recorded (also as the part's error) and the run goes on. */
async function part(name, action, result = () => null) {
  try {
    await action();
  } catch (error) {
    const message = `${name}: ${error instanceof WaitTimeout ? error.message : error.stack ?? error}`;
    failures.push(message);
    console.error(message);
    const record = result();
    if (record && !record.error) record.error = message;
  }
}

// ─── Run ──────────────────────────────────────────────────────────────────────────────────────────────────────────

async function writeOut() {
  if (failures.length > 0) out.failures = failures;
  await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  await fs.writeFile(outPath, `${JSON.stringify(out, null, 2)}\n`);
}

async function main() {
  if (screenshotDir) await fs.mkdir(screenshotDir, { recursive: true });
  let browser;
  try {
    browser = await launch();
  } catch (error) {
    console.error(`The browser did not start: ${error.message}`);
    return 1;
  }
  try {
    const page = await browser.newPage({ viewport: plan.viewport ?? { width: 1280, height: 900 } });
    page.setDefaultTimeout(waitMs);
    watchPage(page, new URL(studioUrl).origin);
    try {
      await openStudio(page);
    } catch (error) {
      console.error(`The studio page did not load: ${error.message}`);
      await writeOut();
      return 1;
    }
    const views = [];
    const steps = [ // plan key, view, run, the out.json record a failure is noted on
      ['compare', 'compare', runCompare, () => out.compare],
      ['gallery', 'galleries', runGallery, () => out.verify ?? out.identify],
      ['models', 'models', runModels, () => out.models],
      ['upload', 'uploads', runUpload, () => out.upload],
    ];
    for (const [key, view, run, record] of steps) {
      if (!plan[key]) continue;
      views.push(view);
      await part(key, () => run(page, plan[key]), record);
      await part(`${key} screenshot`, () => screenshot(page, `${view}.png`));
    }
    if (plan.phone) await part('phone', () => runPhonePass(page, [...new Set(['compare', ...views])]));
    await writeOut();
    return failures.length > 0 ? 1 : 0;
  } finally {
    await browser.close();
  }
}

process.exitCode = await main();
