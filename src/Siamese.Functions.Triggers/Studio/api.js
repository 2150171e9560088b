// The HTTP API: its base URL, the function key in session storage, the fetch wrapper and problem details.

// The page is served at .../api/studio, so '.' is the API base (".../api/"), whatever the host.
export const apiBase = new URL('.', location.href);
const keyStorageName = 'siamese.functionKey';
const keyMessage = 'This deployment needs a function key (Azure portal → the function app → App keys). '
  + "It is kept only in this tab's session storage and is gone when the tab closes.";
const adminKeyMessage = 'Promote and roll back need the admin (master) key';

/** A failed call as the page shows it: the problem's detail and code (RFC 9457), or what went wrong in between. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

export function storedKey() {
  return sessionStorage.getItem(keyStorageName) ?? '';
}

export function storeKey(key) {
  sessionStorage.setItem(keyStorageName, key);
}

export function forgetKey() {
  sessionStorage.removeItem(keyStorageName);
  keyPrompt.changed();
}

/** What asks for a key on a 401 (`ask(message)`, settled once one was given) and shows that the key changed. */
let keyPrompt = {
  ask: () => Promise.reject(new ApiError(401, 'key.missing', 'No key was given, so the call was not made.')),
  changed: () => {},
};

export function setKeyPrompt({ ask, changed }) {
  keyPrompt = { ask, changed };
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
export async function api(path, { query, method, body, headers, admin = false } = {}) {
  const url = apiUrl(path, query);
  let { response, key } = await send(url, { method, body, headers });
  if (response.status === 401) {
    // A key given meanwhile (for another call that was refused) is tried at once; otherwise ask.
    if (admin || storedKey() === key) {
      if (key && !admin) forgetKey();
      await keyPrompt.ask(admin ? adminKeyMessage : keyMessage);
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

export async function apiJson(path, options) {
  return (await api(path, options)).json();
}

/** An image the API answers with, as an object URL (fetched with the key header: a key never goes into a URL). */
export async function apiObjectUrl(path, options) {
  return URL.createObjectURL(await (await api(path, options)).blob());
}

export function multipart(fields) {
  const form = new FormData();
  for (const [name, file] of Object.entries(fields)) form.append(name, file, file.name);
  return form;
}

export function jsonBody(value) {
  return { body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } };
}
