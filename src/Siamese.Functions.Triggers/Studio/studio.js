// Siamese studio: one page over the HTTP API (compare, galleries, models, uploads); this entry point starts its parts.
// The contract with the routes is docs/api.md; element ids and data-* attributes are read by tests: keep them.

import { apiBase, setKeyPrompt } from './api.js';
import { compareView } from './compare.js';
import { $ } from './dom.js';
import { galleriesView } from './galleries.js';
import { initFileFields, loadModelNames } from './inputs.js';
import { keyPanel } from './key-panel.js';
import { modelsView } from './models.js';
import { initRouting } from './routing.js';
import { uploadsView } from './uploads.js';

function init() {
  $('api-base').textContent = apiBase.href;
  setKeyPrompt({ ask: keyPanel.ask, changed: keyPanel.render });
  keyPanel.init();
  initFileFields();
  compareView.init();
  galleriesView.init();
  modelsView.init();
  uploadsView.init();
  initRouting();
  loadModelNames();
  document.documentElement.dataset.studio = 'ready'; // the page's script ran (drive-studio.mjs waits for it)
}

init();
