// The views and hash routing: which view shows, its tab, the title, and a view's first showing.

import { $ } from './dom.js';

const views = ['compare', 'galleries', 'models', 'uploads'];
const viewOpened = {}; // name -> callback the first time the view shows

/** Runs `callback` the first time the view `name` shows. */
export function onFirstShow(name, callback) {
  viewOpened[name] = callback;
}

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

export function initRouting() {
  // Only a view's name switches views: other fragments (the skip link's #main) are ordinary in-page links.
  window.addEventListener('hashchange', () => {
    if (views.includes(location.hash.slice(1))) showView(true);
  });
  showView(false);
}
