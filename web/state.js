// The page's state and its round trip through the URL. Pure: no DOM, no network.
//
// A state is {q, page, sort, source: [], year: [], from, to, doc, perPage}. The URL holds
// only what differs from the defaults, so a shared link stays short and readable:
//   ?q=kaspersky&sort=newest&source=tech&year=2024&from=2024-01-01&page=2&doc=tech/001

export const SORTS = ['relevance', 'newest', 'oldest'];

/** The state of a fresh page: no query, first page, by relevance, no filters. */
export function defaultState() {
  return { q: '', page: 1, sort: 'relevance', source: [], year: [], from: '', to: '', doc: '', perPage: '' };
}

/** Reads a state from a URL query string ("?q=..."). Unknown or malformed values fall back
 *  to the defaults, except per_page, which is passed on so the server can name the error. */
export function stateFromSearch(search) {
  const params = new URLSearchParams(search);
  const state = defaultState();
  state.q = params.get('q') ?? '';
  const page = Number.parseInt(params.get('page') ?? '', 10);
  state.page = Number.isInteger(page) && page >= 1 ? page : 1;
  const sort = params.get('sort');
  state.sort = SORTS.includes(sort) ? sort : 'relevance';
  state.source = unique(params.getAll('source').filter(Boolean));
  state.year = unique(params.getAll('year').filter(Boolean));
  state.from = params.get('from') ?? '';
  state.to = params.get('to') ?? '';
  state.doc = params.get('doc') ?? '';
  state.perPage = params.get('per_page') ?? '';
  return state;
}

/** Writes a state as a URL query string, "" for the default state. */
export function searchFromState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  for (const value of state.source) params.append('source', value);
  for (const value of state.year) params.append('year', value);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.perPage) params.set('per_page', state.perPage);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.doc) params.set('doc', state.doc);
  // '/' may stand as it is in a query (RFC 3986), and ids like "world/001" read better so.
  const text = params.toString().replace(/%2F/gi, '/');
  return text ? `?${text}` : '';
}

/** The /api/search parameters for a state (the article being open does not matter). */
export function searchParams(state) {
  const params = new URLSearchParams();
  params.set('q', state.q);
  params.set('page', String(state.page));
  // The page searches as you type: the last word may be unfinished (see docs/query-language.md).
  params.set('partial', 'true');
  if (state.perPage) params.set('per_page', state.perPage);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  for (const value of state.source) params.append('source', value);
  for (const value of state.year) params.append('year', value);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  return params;
}

/** True when two states ask the server for the same result page. */
export function sameSearch(a, b) {
  return searchParams(a).toString() === searchParams(b).toString();
}

/** True when any filter (source, year, date range) narrows the results. */
export function hasFilters(state) {
  return state.source.length > 0 || state.year.length > 0 || Boolean(state.from) || Boolean(state.to);
}

/** A copy of `state` with `changes` applied; any change but a page change returns to page 1
 *  and closes the open article. */
export function withChanges(state, changes) {
  const next = { ...state, source: [...state.source], year: [...state.year], ...changes };
  if (!('page' in changes)) next.page = 1;
  if (!('doc' in changes)) next.doc = '';
  return next;
}

/** Adds `value` to a list filter, or removes it when present. */
export function toggled(list, value) {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** The pages a pager shows around `current` out of `last`: numbers, with null for a gap. */
export function pageWindow(current, last, radius = 2) {
  const pages = [];
  for (let page = 1; page <= last; page += 1) {
    const nearCurrent = Math.abs(page - current) <= radius;
    if (page === 1 || page === last || nearCurrent) pages.push(page);
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return pages;
}

function unique(values) {
  return [...new Set(values)];
}
