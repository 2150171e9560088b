// The Models view: the names served, one name's detail, decisions, pictures and report; promote and roll back.

import { ApiError, apiJson, apiObjectUrl, jsonBody } from './api.js';
import {
  $, clearError, describeModel, element, fixed4, localTime, orDash, percent, requireText, runAction, showError,
} from './dom.js';
import { fetchModels } from './inputs.js';
import { onFirstShow } from './routing.js';

export const modelsView = {
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
    onFirstShow('models', () => this.load());
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
