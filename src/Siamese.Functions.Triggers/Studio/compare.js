// The Compare view: two images, one call, the answer and the previews as the model sees them.

import { ApiError, apiJson, apiObjectUrl, multipart } from './api.js';
import {
  $, clearError, describeModel, fixed4, milliseconds, modelOf, requireFile, runAction, setCall, showBlobImage, showError,
} from './dom.js';

export const compareView = {
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
      try {
        const answer = await apiJson('compare', { method: 'POST', query: { model }, body: multipart({ image1, image2 }) });
        this.render(answer);
        // After the answer: a preview asked for meanwhile could meet the model the name served before a promotion.
        this.loadPreviews(model, [image1, image2]);
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

  // The images as the model sees them (after its preprocessing).
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
