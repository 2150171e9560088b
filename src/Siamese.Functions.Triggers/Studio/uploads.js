// The Uploads view: upload a zip, watch its pipeline (polled), and the uploads of this tab.

import { ApiError, apiJson } from './api.js';
import { $, clearError, describeRun, element, fixed4, modelOf, requireFile, runAction, showError } from './dom.js';
import { onFirstShow } from './routing.js';

const uploadsStorageName = 'siamese.uploads';
const pollMilliseconds = 2000;

export const uploadsView = {
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
    onFirstShow('uploads', () => this.loadRecipes());
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
        className: 'num breakable',
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
