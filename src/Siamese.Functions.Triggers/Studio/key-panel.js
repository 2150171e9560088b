// The key panel: asks for the function key when a call gets a 401, shows and forgets the key kept.

import { ApiError, forgetKey, storedKey, storeKey } from './api.js';
import { $ } from './dom.js';

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
    storeKey(key);
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

export const keyPanel = { ask, init, render };
