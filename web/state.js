// The page's state and its round trip through the URL. Pure: no DOM, no network.
//
// A state is {q, page, sort, source: [], year: [], author: [], tag: [], section: [],
// language: [], from, to, group, doc, perPage}. The URL holds only what differs from the
// defaults, so a shared link stays short and readable:
//   ?q=kaspersky&sort=newest&source=tech&tag=security&from=2024-01-01&group=none&page=2&doc=tech/001

export const SORTS = ['relevance', 'newest', 'oldest'];

/** How hits are grouped: one per story (the default: copies and reports of one event fold
 *  under its best-ranked article) or none (every article on its own). */
export const GROUPS = ['story', 'none'];

/** The list filters, named as the API's parameters and facets name them. */
export const FILTERS = ['source', 'year', 'author', 'tag', 'section', 'language'];

/** The filters the server matches whatever the case ("jane doe" is Jane Doe). */
const FOLDED = new Set(['author', 'tag', 'section', 'language']);

/** The state of a fresh page: no query, first page, by relevance, no filters. */
export function defaultState() {
  const state = { q: '', page: 1, sort: 'relevance', from: '', to: '', group: 'story', doc: '', perPage: '' };
  for (const name of FILTERS) state[name] = [];
  return state;
}

/** True when `a` and `b` are the same value of filter `name` (for the server). */
export function sameValue(name, a, b) {
  return FOLDED.has(name) ? String(a).toLowerCase() === String(b).toLowerCase() : a === b;
}

/** True when `list`, a filter `name`'s values, holds `value`. */
export function holds(name, list, value) {
  return list.some((item) => sameValue(name, item, value));
}

/** A copy of `state` with `value` among filter `name`'s values (no change when it is). */
export function withFilter(state, name, value) {
  if (holds(name, state[name], value)) return withChanges(state, {});
  return withChanges(state, { [name]: [...state[name], value] });
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
  for (const name of FILTERS) state[name] = unique(params.getAll(name).filter(Boolean));
  state.from = params.get('from') ?? '';
  state.to = params.get('to') ?? '';
  const group = params.get('group');
  state.group = GROUPS.includes(group) ? group : 'story';
  state.doc = params.get('doc') ?? '';
  state.perPage = params.get('per_page') ?? '';
  return state;
}

/** Writes a state as a URL query string, "" for the default state. */
export function searchFromState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  appendFilters(params, state);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.group && state.group !== 'story') params.set('group', state.group);
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
  appendFilters(params, state);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  params.set('group', state.group || 'story');
  // The chart above the results; a server without timelines ignores the parameter.
  params.set('timeline', 'auto');
  return params;
}

/** True when two states ask the server for the same result page. */
export function sameSearch(a, b) {
  return searchParams(a).toString() === searchParams(b).toString();
}

function appendFilters(params, state) {
  for (const name of FILTERS) for (const value of state[name] ?? []) params.append(name, value);
}

/** True when any filter (a list filter, the date range) narrows the results. */
export function hasFilters(state) {
  return FILTERS.some((name) => (state[name] ?? []).length > 0) || Boolean(state.from) || Boolean(state.to);
}

/** The changes that clear every filter. */
export function noFilters() {
  const changes = { from: '', to: '' };
  for (const name of FILTERS) changes[name] = [];
  return changes;
}

/** A copy of `state` with `changes` applied; any change but a page change returns to page 1
 *  and closes the open article. */
export function withChanges(state, changes) {
  const next = { ...state, ...changes };
  for (const name of FILTERS) next[name] = [...(next[name] ?? [])];
  if (!('page' in changes)) next.page = 1;
  if (!('doc' in changes)) next.doc = '';
  return next;
}

/** Adds `value` to a list filter, or removes it when present (in any case, for a filter
 *  `name` the server matches whatever the case). */
export function toggled(list, value, name = '') {
  const same = (item) => sameValue(name, item, value);
  return list.some(same) ? list.filter((item) => !same(item)) : [...list, value];
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
