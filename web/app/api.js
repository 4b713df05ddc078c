// The REST API (/api/v1): JSON in and out, the session's CSRF token (kept in this tab's session
// storage) on every request that changes something, errors as ApiError. A 401 anywhere but the
// sign-in itself, or a refused CSRF token, calls the handler given to onSignedOut (the page then
// shows the sign-in); a 404 under a workspace calls the one given to onNotFound.

const BASE = "/api/v1";
const CSRF_KEY = "fd_csrf";

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `The server answered ${status}.`);
    this.status = status;
    this.code = error.code || "unknown";
    this.fields = error.fields || [];  // [{field: "questions[0].text", message}]
    this.lines = error.lines || [];    // catalog uploads: [{line, message}]
  }
}

let signedOutHandler = () => {};
export function onSignedOut(fn) { signedOutHandler = fn; }
let notFoundHandler = () => {};
export function onNotFound(fn) { notFoundHandler = fn; }

// The URL of an API path for a link (a download the browser makes itself, with the session's
// cookie: GET needs no CSRF token).
export function href(path) { return BASE + path; }

export function csrfToken() { return sessionStorage.getItem(CSRF_KEY); }
export function forgetSession() { sessionStorage.removeItem(CSRF_KEY); }

// "/workspaces/casa-verde" + rest.
export function ws(slug, rest = "") {
  return `/workspaces/${encodeURIComponent(slug)}${rest}`;
}

// "?a=1&b=2" from an object, skipping empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

function headers(method, json) {
  const h = { Accept: "application/json" };
  if (json) h["Content-Type"] = "application/json";
  const token = csrfToken();
  if (method !== "GET" && token) h["X-CSRF-Token"] = token;
  return h;
}

async function failure(status, text, path) {
  let body = null;
  try { body = JSON.parse(text); } catch { /* not JSON: a proxy's page */ }
  const error = new ApiError(status, body);
  // A 403 for the CSRF token: another tab signed in since, and the cookie is now its session.
  const staleToken = status === 403 && /X-CSRF-Token/.test(error.message);
  if ((status === 401 && path !== "/auth/login") || staleToken) {
    forgetSession();
    signedOutHandler();
  }
  if (status === 404 && path.startsWith("/workspaces/")) notFoundHandler();
  return error;
}

// The parsed body (null for 204); throws ApiError, or TypeError when the server is unreachable.
export async function request(method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    credentials: "same-origin",
    headers: headers(method, body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw await failure(response.status, text, path);
  return text ? JSON.parse(text) : null;
}

export const get = (path) => request("GET", path);
export const post = (path, body) => request("POST", path, body === undefined ? {} : body);
export const patch = (path, body) => request("PATCH", path, body);
export const put = (path, body) => request("PUT", path, body);
export const del = (path) => request("DELETE", path);

export async function signIn(email, password) {
  const result = await request("POST", "/auth/login", { email, password });
  sessionStorage.setItem(CSRF_KEY, result.csrf_token);
  return result;
}

export async function signOut() {
  try { await post("/auth/logout"); } finally { forgetSession(); }
}

// POSTs `file` as multipart/form-data (field "file", and the text `fields` before it), reporting
// progress(sent, total) as the upload goes. Resolves with the parsed body; rejects with ApiError.
export function upload(path, file, progress, fields = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", BASE + path);
    xhr.withCredentials = true;
    const token = csrfToken();
    if (token) xhr.setRequestHeader("X-CSRF-Token", token);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) progress(e.loaded, e.total);
    });
    xhr.addEventListener("load", async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        progress(file.size, file.size);
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null);
      } else {
        reject(await failure(xhr.status, xhr.responseText, path));
      }
    });
    xhr.addEventListener("error", () => reject(new TypeError("The upload failed: no connection.")));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

// A message for people from any error.
export function errorText(error) {
  if (error instanceof ApiError) return error.message;
  return "The server cannot be reached. Check the connection and try again.";
}
