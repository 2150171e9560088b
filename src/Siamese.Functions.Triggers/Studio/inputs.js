// Shared inputs: the model-name suggestions and the file fields with their drop zones and thumbnails.

import { apiJson } from './api.js';
import { $, element } from './dom.js';

/** GET api/models, which also fills the model-name suggestions of every view. */
export async function fetchModels() {
  const { models } = await apiJson('models');
  const names = new Set(['default', ...models.map(model => model.name)]);
  $('model-names').replaceChildren(...[...names].map(name => element('option', { attrs: { value: name } })));
  return models;
}

export function loadModelNames() {
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

export function initFileFields() {
  for (const input of document.querySelectorAll('.drop input[type="file"]')) initFileField(input);
}
