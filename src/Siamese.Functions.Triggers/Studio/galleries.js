// The Galleries view: open a gallery, enrol, identify and verify.

import { apiJson, apiObjectUrl, multipart } from './api.js';
import {
  $, clearError, describeModel, element, fixed4, localTime, modelOf, requireFile, requireText, runAction, setCall,
  showError,
} from './dom.js';

export const galleriesView = {
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
