// Siamese studio: one page over the HTTP API (compare, galleries, models, uploads).
// The contract with the routes is docs/api.md; element ids and data-* attributes are read by tests: keep them.

// ─── API: base URL, function key, fetch wrapper, problem details ─────────────────────────────────────────────────

// The page is served at .../api/studio, so '.' is the API base (".../api/"), whatever the host.
const apiBase = new URL('.', location.href);
const keyStorageName = 'siamese.functionKey';
const keyMessage = 'This deployment needs a function key (Azure portal → the function app → App keys). '
  + "It is kept only in this tab's session storage and is gone when the tab closes.";
const adminKeyMessage = 'Promote and roll back need the admin (master) key';

/** A failed call as the page shows it: the problem's detail and code (RFC 9457), or what went wrong in between. */
class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

function storedKey() {
  return sessionStorage.getItem(keyStorageName) ?? '';
}

function apiUrl(path, query = {}) {
  const url = new URL(path, apiBase);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  return url;
}

/** One request with the key set now; answers the response and the key it went with. */
async function send(url, { method = 'GET', body, headers = {} }) {
  const key = storedKey();
  const allHeaders = key ? { ...headers, 'x-functions-key': key } : headers;
  try {
    return { response: await fetch(url, { method, body, headers: allHeaders, cache: 'no-store' }), key };
  } catch (error) {
    throw new ApiError(0, 'network', `The API could not be reached at ${apiBase.href} (${error.message}).`);
  }
}

async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a gateway's page, an empty 401): fall back to the status line.
  }
  const detail = typeof body?.detail === 'string' && body.detail
    ? body.detail
    : (typeof body?.title === 'string' && body.title) || `${response.status} ${response.statusText}`.trim();
  const code = typeof body?.code === 'string' && body.code ? body.code : `http.${response.status}`;
  return new ApiError(response.status, code, detail);
}

/**
 * Every API call goes through here: the key header when one is set; on a 401 the key form, then one retry.
 * `admin` marks promote and roll back, which need the master key even where a function key is set.
 */
async function api(path, { query, method, body, headers, admin = false } = {}) {
  const url = apiUrl(path, query);
  let { response, key } = await send(url, { method, body, headers });
  if (response.status === 401) {
    // A key given meanwhile (for another call that was refused) is tried at once; otherwise ask.
    if (admin || storedKey() === key) {
      if (key && !admin) forgetKey();
      await keyPanel.ask(admin ? adminKeyMessage : keyMessage);
    }
    ({ response } = await send(url, { method, body, headers }));
    if (response.status === 401) {
      throw new ApiError(401, 'key.refused', admin ? `${adminKeyMessage}; the key given was refused.`
        : 'The API refused the key given (401).');
    }
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

async function apiJson(path, options) {
  return (await api(path, options)).json();
}

/** An image the API answers with, as an object URL (fetched with the key header: a key never goes into a URL). */
async function apiObjectUrl(path, options) {
  return URL.createObjectURL(await (await api(path, options)).blob());
}

function multipart(fields) {
  const form = new FormData();
  for (const [name, file] of Object.entries(fields)) form.append(name, file, file.name);
  return form;
}

function jsonBody(value) {
  return { body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } };
}

// ─── DOM helpers ──────────────────────────────────────────────────────────────────────────────────────────────────

const $ = id => document.getElementById(id);

function element(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function showError(region, error) {
  if (error instanceof ApiError) {
    region.replaceChildren(`${error.message} `, element('code', { text: `(${error.code})` }));
  } else {
    region.textContent = `Something went wrong in the page: ${error?.message ?? String(error)}`;
    console.error(error);
  }
}

function clearError(region) {
  region.replaceChildren();
}

/** Runs one form action: busy state and disabled button while it runs, the error in its alert region. */
async function runAction({ region, errorRegion, button }, action) {
  clearError(errorRegion);
  region.dataset.state = 'busy';
  region.setAttribute('aria-busy', 'true');
  if (button) button.disabled = true;
  try {
    await action();
    region.dataset.state = 'done';
  } catch (error) {
    region.dataset.state = 'error';
    showError(errorRegion, error);
  } finally {
    region.removeAttribute('aria-busy');
    if (button) button.disabled = false;
  }
}

class InputError extends ApiError {
  constructor(detail) {
    super(0, 'input.missing', detail);
  }
}

function requireFile(input, what) {
  const file = input.files?.[0];
  if (!file) throw new InputError(`Choose ${what} first.`);
  return file;
}

function requireText(input, what) {
  const value = input.value.trim();
  if (!value) throw new InputError(`Enter ${what} first.`);
  return value;
}

function modelOf(input) {
  return input.value.trim() || 'default';
}

const fixed4 = value => Number(value).toFixed(4);
const percent = (value, digits = 1) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)} %`);
const milliseconds = ms => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
const localTime = utc => (utc ? new Date(utc).toLocaleString() : '—');
const orDash = value => (value === null || value === undefined || value === '' ? '—' : String(value));

/** Object URLs are released when the image that showed one shows another. */
function showBlobImage(img, url) {
  if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
  img.src = url;
  img.hidden = false;
}

function describeRun(model) {
  return `run ${orDash(model.runId)}, epoch ${orDash(model.epoch)} (${model.source})`;
}

function describeModel(model) {
  return `model ${model.name}: ${describeRun(model)}`;
}

function setCall(node, isSame) {
  node.textContent = isSame ? 'same' : 'different';
  node.className = `call ${isSame ? 'same' : 'different'}`;
}

// ─── Key panel ────────────────────────────────────────────────────────────────────────────────────────────────────

const keyPanel = (() => {
  let pending = null; // one question at a time, shared by every call that got a 401 meanwhile

  function render() {
    const asking = pending !== null;
    $('key-form').hidden = !asking;
    $('key-status').hidden = asking || storedKey() === '';
    $('key-panel').hidden = $('key-form').hidden && $('key-status').hidden;
  }

  function ask(message) {
    $('key-message').textContent = message;
    if (!pending) {
      let settle;
      const promise = new Promise((resolve, reject) => { settle = { resolve, reject }; });
      pending = { promise, ...settle };
    }
    render();
    $('function-key').focus();
    return pending.promise;
  }

  function finish(outcome) {
    const current = pending;
    pending = null;
    render();
    outcome(current);
  }

  function init() {
    $('key-form').addEventListener('submit', event => {
      event.preventDefault();
      const key = $('function-key').value.trim();
      if (!key || !pending) return;
      sessionStorage.setItem(keyStorageName, key);
      $('function-key').value = '';
      finish(current => current.resolve());
    });
    $('key-cancel').addEventListener('click', () => {
      if (!pending) return;
      finish(current => current.reject(new ApiError(401, 'key.missing', 'No key was given, so the call was not made.')));
    });
    $('key-forget').addEventListener('click', () => {
      forgetKey();
      $('tab-compare').focus();
    });
    render();
  }

  return { ask, init, render };
})();

function forgetKey() {
  sessionStorage.removeItem(keyStorageName);
  keyPanel.render();
}

// ─── Views and hash routing ───────────────────────────────────────────────────────────────────────────────────────

const views = ['compare', 'galleries', 'models', 'uploads'];
const viewOpened = {}; // name -> callback the first time the view shows

function currentView() {
  const name = location.hash.slice(1);
  return views.includes(name) ? name : 'compare';
}

function showView(moveFocus) {
  const name = currentView();
  for (const view of views) {
    $(`view-${view}`).hidden = view !== name;
    const tab = $(`tab-${view}`);
    if (view === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  document.title = `${$(`tab-${name}`).textContent} · Siamese studio`;
  viewOpened[name]?.();
  delete viewOpened[name];
  if (moveFocus) $(`${name}-title`).focus();
}

function initRouting() {
  // Only a view's name switches views: other fragments (the skip link's #main) are ordinary in-page links.
  window.addEventListener('hashchange', () => {
    if (views.includes(location.hash.slice(1))) showView(true);
  });
  showView(false);
}

// ─── Shared inputs: model names, file fields with drop zones and thumbnails ─────────────────────────────────────────

/** GET api/models, which also fills the model-name suggestions of every view. */
async function fetchModels() {
  const { models } = await apiJson('models');
  const names = new Set(['default', ...models.map(model => model.name)]);
  $('model-names').replaceChildren(...[...names].map(name => element('option', { attrs: { value: name } })));
  return models;
}

function loadModelNames() {
  fetchModels().catch(() => {}); // the suggestions only help typing; the Models view reports this error
}

function initFileField(input) {
  const zone = input.closest('.drop');
  const thumb = zone.querySelector('.thumb');
  input.addEventListener('change', () => {
    if (!thumb) return;
    const file = input.files?.[0];
    if (thumb.src.startsWith('blob:')) URL.revokeObjectURL(thumb.src);
    if (file && file.type.startsWith('image/')) {
      thumb.src = URL.createObjectURL(file);
      thumb.hidden = false;
    } else {
      thumb.removeAttribute('src');
      thumb.hidden = true;
    }
  });
  zone.addEventListener('dragover', event => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

// ─── Compare ──────────────────────────────────────────────────────────────────────────────────────────────────────

const compareView = {
  init() {
    $('compare-form').addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
  },

  async submit() {
    const region = $('compare-result');
    await runAction({ region, errorRegion: $('compare-error'), button: $('compare-submit') }, async () => {
      const image1 = requireFile($('compare-image1'), 'the first image');
      const image2 = requireFile($('compare-image2'), 'the second image');
      const model = modelOf($('compare-model'));
      $('compare-status').textContent = 'Comparing…';
      this.loadPreviews(model, [image1, image2]);
      try {
        const answer = await apiJson('compare', { method: 'POST', query: { model }, body: multipart({ image1, image2 }) });
        this.render(answer);
      } catch (error) {
        $('compare-status').textContent = '';
        throw error;
      }
    });
  },

  render(answer) {
    $('compare-status').textContent = '';
    setCall($('compare-call'), answer.isSame);
    $('compare-similarity').textContent = fixed4(answer.similarity);
    $('compare-threshold').textContent = fixed4(answer.threshold);
    const bar = $('compare-bar');
    // Custom properties through the CSSOM: allowed by the CSP, unlike style attributes.
    bar.parentElement.style.setProperty('--value', String(answer.similarity));
    bar.parentElement.style.setProperty('--threshold', String(answer.threshold));
    bar.setAttribute('aria-valuenow', String(answer.similarity));
    bar.setAttribute('aria-valuetext', `similarity ${fixed4(answer.similarity)}, threshold ${fixed4(answer.threshold)}`);
    const why = answer.model.why ? ` — ${answer.model.why}` : '';
    $('compare-answered-by').textContent =
      `${describeModel(answer.model)}${why} — ${milliseconds(answer.timing.totalMs)} in all`;
  },

  // The images as the model sees them (after its preprocessing), fetched beside the comparison.
  async loadPreviews(model, files) {
    const previews = $('compare-previews');
    previews.dataset.state = 'busy';
    clearError($('compare-preview-error'));
    const results = await Promise.allSettled(files.map((file, i) => this.loadPreview(model, file, i + 1)));
    const failed = results.find(result => result.status === 'rejected');
    if (failed) showError($('compare-preview-error'), failed.reason);
    previews.dataset.state = failed ? 'error' : 'done';
  },

  async loadPreview(model, image, n) {
    const img = $(`compare-preview${n}`);
    const caption = $(`compare-caption${n}`);
    img.hidden = true;
    caption.textContent = '';
    const url = await apiObjectUrl('preview', { method: 'POST', query: { model }, body: multipart({ image }) });
    const loaded = new Promise((resolve, reject) => {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', () => reject(new ApiError(0, 'preview.unreadable', 'The preview is not an image.')),
        { once: true });
    });
    showBlobImage(img, url);
    await loaded;
    caption.textContent = `as the model sees it (${img.naturalWidth}x${img.naturalHeight})`;
  },
};

// ─── Galleries ────────────────────────────────────────────────────────────────────────────────────────────────────

const galleriesView = {
  matchImageUrls: [],

  init() {
    this.on('gallery-form', () => this.open());
    this.on('enrol-form', () => this.enrol());
    this.on('identify-form', () => this.identify());
    this.on('verify-form', () => this.verify());
  },

  on(formId, action) {
    $(formId).addEventListener('submit', event => {
      event.preventDefault();
      action();
    });
  },

  target() {
    return {
      name: requireText($('gallery-name'), 'a gallery name'),
      model: modelOf($('gallery-model')),
    };
  },

  path(name, ...parts) {
    return ['galleries', name, ...parts].map(encodeURIComponent).join('/');
  },

  async open() {
    await runAction({ region: $('gallery-info'), errorRegion: $('gallery-error'), button: $('gallery-open') },
      () => this.refresh(this.target()));
  },

  async refresh({ name, model }) {
    $('gallery-info').replaceChildren(element('p', { className: 'muted', text: `Opening ${name}…` }));
    let info;
    try {
      info = await apiJson(this.path(name), { query: { model } });
    } catch (error) {
      if (error.code !== 'gallery.not-found') throw error;
      $('gallery-info').replaceChildren(element('p', { text: 'no such gallery yet; enrol an image to create it' }));
      $('gallery-identities').replaceChildren();
      return;
    }
    $('gallery-info').replaceChildren(element('p', {
      text: `Gallery ${info.gallery} (model ${info.model}): ${info.identities} identities, ${info.images} images, `
        + `created ${localTime(info.createdUtc)}.`,
    }));
    await this.listIdentities(name, model);
  },

  async listIdentities(name, model) {
    const page = await apiJson(this.path(name, 'identities'), { query: { model, limit: 100 } });
    const items = page.identities.map(identity => element('li', {
      text: `${identity.label} — ${identity.images} ${identity.images === 1 ? 'image' : 'images'}`
        + (identity.userData ? ` · ${identity.userData}` : ''),
      attrs: { 'data-label': identity.label },
    }));
    if (page.next) items.push(element('li', { className: 'muted', text: 'and more (the first 100 are listed)' }));
    if (items.length === 0) items.push(element('li', { className: 'muted', text: 'No identities yet.' }));
    $('gallery-identities').replaceChildren(...items);
  },

  async enrol() {
    const result = $('enrol-result');
    await runAction({ region: result, errorRegion: $('enrol-error'), button: $('enrol-submit') }, async () => {
      const target = this.target();
      const label = requireText($('enrol-label'), 'a label');
      const image = requireFile($('enrol-image'), 'an image');
      const answer = await apiJson(this.path(target.name, 'identities', label, 'images'),
        { method: 'POST', query: { model: target.model }, body: multipart({ image }) });
      result.dataset.count = String(Number(result.dataset.count ?? 0) + 1);
      result.textContent = `enrolled ${answer.label} (image ${answer.imageId})`;
      await this.refreshQuietly(target);
    });
  },

  // After an enrolment the gallery card follows; its own failure shows in its own alert, not the enrolment's.
  async refreshQuietly(target) {
    clearError($('gallery-error'));
    try {
      await this.refresh(target);
      $('gallery-info').dataset.state = 'done';
    } catch (error) {
      $('gallery-info').dataset.state = 'error';
      showError($('gallery-error'), error);
    }
  },

  async identify() {
    await runAction({ region: $('identify-result'), errorRegion: $('identify-error'), button: $('identify-submit') },
      async () => {
        const { name, model } = this.target();
        const image = requireFile($('identify-image'), 'an image');
        $('identify-summary').textContent = 'Identifying…';
        $('identify-matches').replaceChildren();
        try {
          const answer = await apiJson(this.path(name, 'identify'),
            { method: 'POST', query: { model, top: 5 }, body: multipart({ image }) });
          await this.renderMatches(name, model, answer);
        } catch (error) {
          $('identify-summary').textContent = '';
          throw error;
        }
      });
  },

  async renderMatches(name, model, answer) {
    for (const url of this.matchImageUrls) URL.revokeObjectURL(url);
    this.matchImageUrls = [];
    const threshold = fixed4(answer.threshold);
    $('identify-summary').textContent = answer.matches.length === 0
      ? `no identity reaches the threshold ${threshold}`
      : `${answer.matches.length} ${answer.matches.length === 1 ? 'identity reaches' : 'identities reach'} the threshold `
        + `${threshold} (${answer.rule}), best first:`;
    const items = answer.matches.map(match => this.matchItem(match));
    $('identify-matches').replaceChildren(...items.map(item => item.li));
    await Promise.allSettled(items.map(item => this.loadNearest(name, model, item)));
  },

  matchItem(match) {
    const score = fixed4(match.score);
    const img = element('img', { attrs: { alt: `nearest enrolled image of ${match.label}`, width: '64', height: '64' } });
    img.hidden = true;
    const li = element('li', { attrs: { 'data-label': match.label, 'data-score': score } }, [
      element('div', { className: 'match' }, [
        img,
        element('span', {}, [element('strong', { text: match.label }), ' score ', element('span', { className: 'number', text: score })]),
      ]),
    ]);
    return { li, img, match };
  },

  async loadNearest(name, model, { img, match }) {
    const url = await apiObjectUrl(this.path(name, 'identities', match.label, 'images', match.nearestImageId),
      { query: { model } });
    this.matchImageUrls.push(url);
    img.src = url;
    img.hidden = false;
  },

  async verify() {
    await runAction({ region: $('verify-result'), errorRegion: $('verify-error'), button: $('verify-submit') },
      async () => {
        const { name, model } = this.target();
        const label = requireText($('verify-label'), 'a label');
        const image = requireFile($('verify-image'), 'an image');
        $('verify-status').textContent = 'Verifying…';
        try {
          const answer = await apiJson(this.path(name, 'identities', label, 'verify'),
            { method: 'POST', query: { model }, body: multipart({ image }) });
          this.renderVerify(answer);
        } finally {
          $('verify-status').textContent = '';
        }
      });
  },

  renderVerify(answer) {
    setCall($('verify-call'), answer.isSame);
    $('verify-similarity').textContent = fixed4(answer.similarity);
    $('verify-details').textContent = `against ${answer.identityImages} enrolled `
      + `${answer.identityImages === 1 ? 'image' : 'images'} of ${answer.label} (${answer.rule}), threshold `
      + `${fixed4(answer.threshold)}; ${describeModel(answer.model)}`;
  },
};

// ─── Models ───────────────────────────────────────────────────────────────────────────────────────────────────────

const modelsView = {
  selected: null,

  init() {
    $('models-refresh').addEventListener('click', () => this.load());
    $('model-report').addEventListener('click', () => this.openReport());
    $('model-report-save').addEventListener('click', () => this.saveReport());
    $('promote-form').addEventListener('submit', event => {
      event.preventDefault();
      this.promote();
    });
    $('rollback-form').addEventListener('submit', event => {
      event.preventDefault();
      this.rollBack();
    });
    viewOpened.models = () => this.load();
  },

  async load() {
    const table = $('models-list');
    await runAction({ region: table, errorRegion: $('models-error'), button: $('models-refresh') }, async () => {
      const models = await fetchModels();
      table.tBodies[0].replaceChildren(...models.map(model => this.row(model)));
    });
  },

  row(model) {
    const button = element('button', {
      className: 'link', text: model.name, attrs: { type: 'button', 'aria-label': `Show model ${model.name}` },
    });
    button.addEventListener('click', () => this.select(model.name, { focus: true }));
    const tr = element('tr', {
      className: model.name === this.selected ? 'selected' : '',
      attrs: { 'data-model': model.name, 'data-run-id': model.runId ?? '', 'data-epoch': String(model.epoch ?? '') },
    }, [
      element('td', { attrs: { 'data-label': 'Name' } }, [button]),
      element('td', { text: orDash(model.runId), attrs: { 'data-label': 'Run' } }),
      element('td', { className: 'num', text: orDash(model.epoch), attrs: { 'data-label': 'Epoch' } }),
      element('td', { text: orDash(model.source), attrs: { 'data-label': 'Source' } }),
      element('td', { text: localTime(model.servedSinceUtc), attrs: { 'data-label': 'Served since' } }),
      element('td', { text: orDash(model.why), attrs: { 'data-label': 'Why' } }),
    ]);
    return tr;
  },

  async select(name, { focus = false } = {}) {
    if (name !== this.selected) {
      clearError($('pointer-error'));
      $('pointer-result').textContent = '';
    }
    this.selected = name;
    for (const tr of $('models-list').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.model === name);
    $('model-detail-title').textContent = `Model ${name}`;
    if (focus) $('model-detail-title').focus();
    $('model-status').textContent = `Loading ${name}…`;
    await runAction({ region: $('model-detail'), errorRegion: $('model-error') }, async () => {
      try {
        const [current] = await Promise.all([
          apiJson('models/current', { query: { model: name } }),
          this.loadDecisions(name),
          this.loadCurves(name),
        ]);
        this.renderFacts(current);
      } finally {
        $('model-status').textContent = '';
      }
    });
  },

  renderFacts(model) {
    const facts = [
      ['Serves', describeModel(model)],
      ['Checkpoint', orDash(model.checkpoint)],
      ['Threshold', `${fixed4(model.threshold)}${model.thresholdCriterion ? ` (${model.thresholdCriterion})` : ''}`],
      ['Validation accuracy', percent(model.validationAccuracy, 2)],
      ['Test', this.describeTest(model.test)],
      ['Why', orDash(model.why)],
      ['Challenge', model.challenge?.summary ?? 'none recorded'],
      ['Served since', localTime(model.servedSinceUtc)],
    ];
    $('model-facts').replaceChildren(...facts.flatMap(([term, value]) =>
      [element('dt', { text: term }), element('dd', { text: value })]));
  },

  describeTest(test) {
    if (!test) return 'not evaluated on a test benchmark';
    const interval = (accuracy, low, high) =>
      `${percent(accuracy)} (95 % CI ${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)})`;
    const parts = [`${interval(test.accuracy, test.accuracyLow, test.accuracyHigh)}, ${test.ways}-way, `
      + `${test.trials} trials on ${test.benchmark}`];
    if (test.fewerWays) {
      parts.push(`${interval(test.fewerWaysAccuracy, test.fewerWaysLow, test.fewerWaysHigh)}, ${test.fewerWays}-way`);
    }
    parts.push(`ROC AUC ${Number(test.rocAuc).toFixed(4)}, evaluated ${localTime(test.evaluatedUtc)}`);
    return parts.join('; ');
  },

  // The decisions and the pictures show their own errors: the detail stands without them.
  async loadDecisions(name) {
    const list = $('model-decisions');
    list.replaceChildren();
    let decisions;
    try {
      ({ decisions } = await apiJson('models/decisions', { query: { model: name } }));
    } catch (error) {
      const item = element('li', { className: 'error' });
      showError(item, error);
      list.replaceChildren(item);
      return;
    }
    const items = decisions.map(decision => element('li', { attrs: { 'data-run-id': decision.runId } }, [
      element('span', {
        className: `badge ${decision.promoted ? 'yes' : 'no'}`, text: decision.promoted ? 'promoted' : 'not promoted',
      }),
      ' ',
      element('strong', { text: decision.runId }),
      ` · ${localTime(decision.decidedUtc)}`,
      element('br'),
      decision.summary,
    ]));
    if (items.length === 0) items.push(element('li', { className: 'muted', text: 'No run was decided for this name yet.' }));
    list.replaceChildren(...items);
  },

  // A model with no pictures (the default model, or none stored) answers 404: show its detail, not a broken image.
  async loadCurves(name) {
    const holder = $('model-curves');
    holder.replaceChildren(element('p', { className: 'muted', text: 'Loading the training curves…' }));
    $('model-report-actions').hidden = false;
    $('model-report-note').hidden = false;
    try {
      const url = await apiObjectUrl('models/current/curves.png', { query: { model: name } });
      const img = element('img', { attrs: { alt: 'training curves' } });
      img.src = url;
      holder.replaceChildren(img);
    } catch (error) {
      const text = element('p', { className: error.status === 404 ? 'muted' : 'error' });
      if (error.status === 404) text.textContent = error.message;
      else showError(text, error);
      holder.replaceChildren(text);
      if (error.code === 'picture.default-model') {
        $('model-report-actions').hidden = true;
        $('model-report-note').hidden = true;
      }
    }
  },

  async openReport() {
    if (!this.selected) return;
    clearError($('model-error'));
    // Opened now, while the click still counts as the user's, and pointed at the report once it arrived.
    const tab = window.open('', '_blank');
    if (!tab) {
      showError($('model-error'), new ApiError(0, 'popup.blocked',
        'The browser blocked the new tab: allow pop-ups for this page, or save the report.'));
      return;
    }
    try {
      tab.location.href = await apiObjectUrl('models/current/report.html', { query: { model: this.selected } });
    } catch (error) {
      tab.close();
      showError($('model-error'), error);
    }
  },

  // A blob: document keeps this page's CSP, which blocks the report's inline styles; a saved copy has none.
  async saveReport() {
    if (!this.selected) return;
    clearError($('model-error'));
    try {
      const url = await apiObjectUrl('models/current/report.html', { query: { model: this.selected } });
      const link = element('a', { attrs: { href: url, download: `report-${this.selected}.html` } });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      showError($('model-error'), error);
    }
  },

  async promote() {
    await this.changePointer('promote', () => ({
      runId: requireText($('promote-run-id'), 'a run id'),
      checkpoint: $('promote-checkpoint').value.trim() || undefined,
      reason: $('promote-reason').value.trim() || undefined,
      model: this.selected,
    }), $('promote-submit'));
  },

  async rollBack() {
    await this.changePointer('rollback', () => ({
      reason: $('rollback-reason').value.trim() || undefined,
      model: this.selected,
    }), $('rollback-submit'));
  },

  async changePointer(route, request, button) {
    const result = $('pointer-result');
    await runAction({ region: result, errorRegion: $('pointer-error'), button }, async () => {
      const pointer = await apiJson(`models/${route}`, { method: 'POST', admin: true, ...jsonBody(request()) });
      result.textContent = `${pointer.model ?? this.selected} now serves run ${pointer.runId}, epoch ${pointer.epoch} `
        + `(${pointer.checkpoint}) since ${localTime(pointer.updatedUtc)}${pointer.reason ? `: ${pointer.reason}` : ''}`;
    });
    if (result.dataset.state !== 'done') return;
    // The list and the detail follow the new pointer; the answer above stays.
    await this.load();
    await this.select(this.selected);
  },
};

// ─── Uploads ──────────────────────────────────────────────────────────────────────────────────────────────────────

const uploadsStorageName = 'siamese.uploads';
const pollMilliseconds = 2000;

const uploadsView = {
  watch: null, // { datasetId, model, timer }

  init() {
    $('upload-form').addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
    $('upload-stop').addEventListener('click', () => {
      this.stop('Stopped watching; the pipeline goes on without the page.');
      $('upload-progress-title').focus(); // the button just hid itself
    });
    viewOpened.uploads = () => this.loadRecipes();
    this.renderHistory();
    const last = this.remembered().at(-1);
    if (last && !last.finished) this.follow(last.datasetId, last.model);
  },

  async loadRecipes() {
    try {
      const { recipes } = await apiJson('recipes');
      const select = $('upload-recipe');
      const chosen = select.value;
      select.replaceChildren(select.options[0], ...recipes.map(name => element('option', { text: name, attrs: { value: name } })));
      select.value = chosen;
    } catch (error) {
      showError($('upload-error'), error);
    }
  },

  async submit() {
    const form = $('upload-form');
    await runAction({ region: form, errorRegion: $('upload-error'), button: $('upload-submit') }, async () => {
      const zip = requireFile($('upload-zip'), 'a zip');
      const model = modelOf($('upload-model'));
      const recipe = $('upload-recipe').value;
      this.stop();
      this.setProgressState('busy');
      $('upload-status').textContent = `Uploading ${zip.name}…`;
      let accepted;
      try {
        accepted = await apiJson('uploads', {
          method: 'POST', query: { name: zip.name, model, recipe }, body: zip, headers: { 'Content-Type': 'application/zip' },
        });
      } catch (error) {
        this.setProgressState('error');
        $('upload-status').textContent = '';
        throw error.status === 413 ? tooLarge(error) : error;
      }
      this.remember({ datasetId: accepted.datasetId, model: accepted.model ?? model, name: zip.name });
      this.follow(accepted.datasetId, accepted.model ?? model);
      $('upload-accepted').textContent = `Uploaded ${accepted.upload} (${accepted.bytes.toLocaleString()} bytes) as `
        + `dataset ${accepted.datasetId} for model ${accepted.model ?? model}`
        + `${accepted.recipe ? `, recipe ${accepted.recipe}` : ''}.`;
    });
  },

  follow(datasetId, model) {
    this.stop();
    this.clearProgress();
    $('upload-status').textContent = `Watching dataset ${datasetId} (model ${model})…`;
    this.setProgressState('Waiting');
    this.watch = { datasetId, model, timer: null };
    $('upload-stop').hidden = false;
    this.poll(this.watch);
  },

  async poll(watch) {
    let progress;
    try {
      progress = await apiJson(`uploads/${encodeURIComponent(watch.datasetId)}`, { query: { model: watch.model } });
    } catch (error) {
      if (this.watch !== watch) return;
      this.setProgressState('error');
      showError($('upload-progress-error'), error);
      this.stop();
      return;
    }
    if (this.watch !== watch) return; // stopped, or another upload is watched now
    this.render(progress);
    if (progress.finished || progress.dataset?.state === 'Failed' || progress.training?.state === 'Failed') {
      this.markFinished(watch.datasetId);
      this.stop();
      return;
    }
    watch.timer = setTimeout(() => this.poll(watch), pollMilliseconds);
  },

  stop(message) {
    if (this.watch) clearTimeout(this.watch.timer);
    this.watch = null;
    $('upload-stop').hidden = true;
    if (message) $('upload-status').textContent = message;
  },

  setProgressState(state) {
    $('upload-progress').dataset.state = state;
  },

  clearProgress() {
    clearError($('upload-progress-error'));
    for (const id of ['upload-accepted', 'upload-dataset', 'upload-profile', 'upload-recipe-choice', 'upload-decision', 'upload-served']) {
      $(id).textContent = '';
    }
    $('upload-epochs').tBodies[0].replaceChildren();
    $('upload-epochs').hidden = true;
    const progress = $('upload-progress');
    delete progress.dataset.datasetState;
    delete progress.dataset.finished;
  },

  render(progress) {
    const { dataset, training, epochs, served } = progress;
    const panel = $('upload-progress');
    this.setProgressState(training?.state ?? dataset?.state ?? 'Waiting');
    panel.dataset.datasetState = dataset?.state ?? 'Waiting';
    panel.dataset.finished = String(Boolean(progress.finished));
    $('upload-dataset').textContent = this.datasetLine(progress);
    $('upload-profile').textContent = dataset?.profile ? `Images: ${dataset.profile}` : '';
    $('upload-recipe-choice').textContent = dataset?.recipeChoice ? `Recipe: ${dataset.recipeChoice}` : '';
    if (dataset?.error) showError($('upload-progress-error'), new ApiError(0, dataset.error.code, dataset.error.message));
    this.renderEpochs(epochs ?? []);
    $('upload-decision').textContent = training ? `Training run ${training.runId} (${training.recipe}): ${training.state}`
      + (training.summary ? ` — ${training.summary}` : '') : '';
    $('upload-served').textContent = progress.finished && served
      ? `now answering for ${served.name}: ${describeRun(served)}${served.why ? ` — ${served.why}` : ''}` : '';
    $('upload-status').textContent = progress.finished ? 'Finished.' : 'Watching; this refreshes every 2 seconds.';
  },

  datasetLine({ datasetId, dataset }) {
    if (!dataset) return `dataset ${datasetId}: waiting for the pipeline to accept it`;
    const counts = dataset.classes || dataset.images ? `; ${dataset.classes} classes, ${dataset.images} images` : '';
    return `dataset ${datasetId}: ${dataset.state}, ${dataset.chunksDone}/${dataset.chunksTotal} chunks${counts}`;
  },

  renderEpochs(epochs) {
    const table = $('upload-epochs');
    table.hidden = epochs.length === 0;
    table.tBodies[0].replaceChildren(...epochs.map(epoch => element('tr', {}, [
      element('td', { className: 'num', text: `${epoch.epoch} of ${epoch.epochs}` }),
      element('td', { className: 'num', text: fixed4(epoch.trainLoss) }),
      element('td', {
        className: 'num wrap',
        text: epoch.validationAccuracy === null || epoch.validationAccuracy === undefined ? '—'
          : `${(epoch.validationAccuracy * 100).toFixed(2)} %${epoch.validationWays ? ` (${epoch.validationWays}-way)` : ''}`,
      }),
      element('td', { className: 'num', text: `${Number(epoch.wallTimeSeconds).toFixed(1)} s` }),
    ])));
  },

  remembered() {
    try {
      const list = JSON.parse(sessionStorage.getItem(uploadsStorageName) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  },

  remember(upload) {
    const list = this.remembered().filter(item => item.datasetId !== upload.datasetId);
    list.push({ ...upload, finished: false });
    sessionStorage.setItem(uploadsStorageName, JSON.stringify(list.slice(-20)));
    this.renderHistory();
  },

  markFinished(datasetId) {
    const list = this.remembered().map(item => (item.datasetId === datasetId ? { ...item, finished: true } : item));
    sessionStorage.setItem(uploadsStorageName, JSON.stringify(list));
  },

  renderHistory() {
    const items = this.remembered().reverse().map(upload => {
      const button = element('button', {
        className: 'link', text: `Watch ${upload.datasetId}`, attrs: { type: 'button' },
      });
      button.addEventListener('click', () => this.follow(upload.datasetId, upload.model));
      return element('li', {}, [button, ` · ${upload.name ?? 'zip'} · model ${upload.model}`]);
    });
    if (items.length === 0) items.push(element('li', { className: 'muted', text: 'None yet.' }));
    $('upload-history').replaceChildren(...items);
  },
};

function tooLarge(error) {
  return new ApiError(413, error.code, "The zip is over the page's limit for one request; "
    + 'use `siamese upload` for larger zips.');
}

// ─── Start ────────────────────────────────────────────────────────────────────────────────────────────────────────

function init() {
  $('api-base').textContent = apiBase.href;
  keyPanel.init();
  for (const input of document.querySelectorAll('.drop input[type="file"]')) initFileField(input);
  compareView.init();
  galleriesView.init();
  modelsView.init();
  uploadsView.init();
  initRouting();
  loadModelNames();
  document.documentElement.dataset.studio = 'ready'; // the page's script ran (drive-studio.mjs waits for it)
}

init();
