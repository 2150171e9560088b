// DOM helpers: elements, formatting, form actions with their busy state, and errors as the page shows them.

import { ApiError } from './api.js';

export const $ = id => document.getElementById(id);

export function element(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function showError(region, error) {
  if (error instanceof ApiError) {
    region.replaceChildren(`${error.message} `, element('code', { text: `(${error.code})` }));
  } else {
    region.textContent = `Something went wrong in the page: ${error?.message ?? String(error)}`;
    console.error(error);
  }
}

export function clearError(region) {
  region.replaceChildren();
}

/** Runs one form action: busy state and disabled button while it runs, the error in its alert region. */
export async function runAction({ region, errorRegion, button }, action) {
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

export class InputError extends ApiError {
  constructor(detail) {
    super(0, 'input.missing', detail);
  }
}

export function requireFile(input, what) {
  const file = input.files?.[0];
  if (!file) throw new InputError(`Choose ${what} first.`);
  return file;
}

export function requireText(input, what) {
  const value = input.value.trim();
  if (!value) throw new InputError(`Enter ${what} first.`);
  return value;
}

export function modelOf(input) {
  return input.value.trim() || 'default';
}

export const fixed4 = value => Number(value).toFixed(4);
export const percent = (value, digits = 1) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)} %`);
export const milliseconds = ms => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
export const localTime = utc => (utc ? new Date(utc).toLocaleString() : '—');
export const orDash = value => (value === null || value === undefined || value === '' ? '—' : String(value));

/** Object URLs are released when the image that showed one shows another. */
export function showBlobImage(img, url) {
  if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
  img.src = url;
  img.hidden = false;
}

export function describeRun(model) {
  return `run ${orDash(model.runId)}, epoch ${orDash(model.epoch)} (${model.source})`;
}

export function describeModel(model) {
  return `model ${model.name}: ${describeRun(model)}`;
}

export function setCall(node, isSame) {
  node.textContent = isSame ? 'same' : 'different';
  node.className = `call ${isSame ? 'same' : 'different'}`;
}
