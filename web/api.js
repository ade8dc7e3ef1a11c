// The JSON API (see API.md): every call is bounded in time and fails with an ApiError
// whose message a person can read, so the page never waits forever or shows nothing.

const TIMEOUT_MS = 10000;

/** A failed call: `kind` is "network" (no answer), "timeout", "http" (an error body from the
 *  server) or "aborted" (a newer call replaced it). */
export class ApiError extends Error {
  constructor(kind, message, { status = 0, code = '', parameter = '' } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }
}

/** GET /api/search with URLSearchParams `params`. */
export function search(params, signal) {
  return getJson(`api/search?${params}`, signal);
}

/** GET /api/suggest: completions of the last word of `q`. */
export function suggest(q, signal, limit = 8) {
  const params = new URLSearchParams({ q, limit: String(limit) });
  return getJson(`api/suggest?${params}`, signal);
}

/** GET /api/documents/{id}, with the query's terms marked in body_html when `q` is given. */
export function documentById(id, q, signal) {
  const params = q ? `?${new URLSearchParams({ q })}` : '';
  return getJson(`api/documents/${encodeURIComponent(id)}${params}`, signal);
}

/** GET /api/similar/{id}: articles like article `id`. */
export function similarTo(id, signal, limit = 5) {
  return getJson(`api/similar/${encodeURIComponent(id)}?limit=${limit}`, signal);
}

/** GET /api/stories/{id}: a story's articles, oldest first. */
export function story(id, signal) {
  return getJson(`api/stories/${encodeURIComponent(id)}`, signal);
}

async function getJson(path, outerSignal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  outerSignal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const response = await fetch(path, { signal: controller.signal, headers: { Accept: 'application/json' } });
    const body = await readBody(response);
    if (response.ok && body !== null) return body;
    throw errorFromResponse(response, body);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (timedOut) throw new ApiError('timeout', 'The search server took too long to answer. Try again in a moment.');
    if (controller.signal.aborted) throw new ApiError('aborted', 'Replaced by a newer request.');
    throw new ApiError('network', 'Cannot reach the search server. Check that it is running, then try again.');
  } finally {
    clearTimeout(timer);
    outerSignal?.removeEventListener('abort', forwardAbort);
  }
}

async function readBody(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function errorFromResponse(response, body) {
  const detail = body?.error;
  if (detail && typeof detail.message === 'string') {
    return new ApiError('http', detail.message, {
      status: response.status, code: String(detail.code ?? ''), parameter: String(detail.parameter ?? ''),
    });
  }
  return new ApiError('http', `The search server answered ${response.status} ${response.statusText}.`.trim(),
    { status: response.status });
}
