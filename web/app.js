// The search page's controller: the URL is the state; every change goes through navigate(),
// which records it in the history and renders it. Back and forward re-render from the URL.

import * as api from './api.js';
import { loadArticle } from './article.js';
import {
  countText, el, facetItems, hitItem, languageName, markedFragment, messageBox, pagerItems,
} from './render.js';
import {
  FILTERS, hasFilters, noFilters, pageWindow, sameSearch, sameValue, searchFromState, searchParams,
  stateFromSearch, toggled, withChanges, withFilter,
} from './state.js';
import { storyBlock } from './story.js';
import { attachSuggestions } from './suggest.js';
import { renderTimeline } from './timeline.js';

const TYPING_DELAY_MS = 250;
const RESULT_WINDOW = 10000;
const SPINNER_DELAY_MS = 150;

const byId = (id) => document.getElementById(id);
const dom = {
  form: byId('search-form'), input: byId('q'), suggestions: byId('suggestions'),
  sort: byId('sort'), from: byId('from'), to: byId('to'), clearFilters: byId('clear-filters'),
  filtersPanel: byId('filters-panel'), region: byId('results-region'), summary: byId('summary'),
  didYouMean: byId('did-you-mean'), message: byId('message'), results: byId('results'),
  pager: byId('pager'), article: byId('article'), articleTitle: byId('article-title'),
  articleMeta: byId('article-meta'), articleBody: byId('article-body'), similar: byId('similar'),
  articleDescription: byId('article-description'), articleTags: byId('article-tags'),
  articleStory: byId('article-story'),
  backToResults: byId('back-to-results'), live: byId('live'), facets: byId('facets'),
  group: byId('group-stories'), timeline: byId('timeline'), clearDates: byId('clear-dates'),
};

/** The facets' headings. A facet the server adds is shown once state.js's FILTERS names it
 *  (it is a filter of the URL then), under its own name until it has a label here. */
const FACET_LABELS = {
  source: 'Source', year: 'Year', author: 'Author', tag: 'Tag', section: 'Section', language: 'Language',
};
/** Shown even when empty, so the filters column keeps its shape; the others only when they
 *  have values (a corpus without authors shows no author facet). */
const ALWAYS_SHOWN = new Set(['source', 'year']);

let state = stateFromSearch(location.search);
let shown = null;          // the state whose results are on screen
let searchController = null;
let articleController = null;
let typingTimer = 0;
let typingPending = false; // typed text not yet searched: the box is not overwritten then

/** Records `next` in the history (a new entry, or replacing the current one) and shows it. */
function navigate(next, { replace = false, focus = '' } = {}) {
  const url = `${location.pathname}${searchFromState(next)}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  state = next;
  render(focus);
}

async function render(focus = '') {
  syncControls();
  window.scrollTo(0, 0);
  applyView();
  if (state.doc) {
    const opened = openArticle(state);
    runSearch(state, { quiet: true });
    await opened;
    if (focus === 'article') dom.articleTitle.focus();
    return;
  }
  document.title = state.q ? `${state.q} · Article search` : 'Article search';
  await runSearch(state);
  if (focus === 'results') dom.region.focus({ preventScroll: true });
}

/** Shows either the article or the results, as the state says. */
function applyView() {
  const article = Boolean(state.doc);
  dom.article.hidden = !article;
  dom.results.hidden = article;
  dom.summary.parentElement.hidden = article;
  dom.timeline.hidden = article || resultParts.timeline;
  dom.pager.hidden = article || resultParts.pager;
  dom.didYouMean.hidden = article || resultParts.didYouMean;
  dom.message.hidden = article || resultParts.message;
}

function syncControls() {
  if (!typingPending) dom.input.value = state.q;
  dom.sort.value = state.sort;
  dom.from.value = state.from;
  dom.to.value = state.to;
  dom.group.checked = state.group !== 'none';
  dom.clearFilters.hidden = !hasFilters(state);
  dom.clearDates.hidden = !state.from && !state.to;
}

// ---- searching ------------------------------------------------------------------------

// Which parts of the results view the last answer hides, kept while an article is open.
let resultParts = { pager: true, didYouMean: true, message: true, timeline: true };

/** Runs the search for `target` unless its results are already shown; `quiet` keeps the
 *  live region for the article view. */
async function runSearch(target, { force = false, quiet = false } = {}) {
  if (!force && shown && sameSearch(shown, target)) {
    if (!quiet) announce(dom.summary.textContent);
    return;
  }
  searchController?.abort();
  const controller = new AbortController();
  searchController = controller;
  const spinner = setTimeout(() => setBusy(true), SPINNER_DELAY_MS);
  setStatus('loading', target);
  try {
    const [result, ...others] = await Promise.all([
      api.search(searchParams(target), controller.signal),
      ...FILTERS.map((name) => facetWithoutItsFilter(target, name, controller.signal)),
    ]);
    if (controller.signal.aborted) return;
    for (const other of others) if (other && result.facets) result.facets[other.name] = other.values;
    shown = target;
    showResults(result, target, quiet);
    setStatus(Array.isArray(result.hits) && result.hits.length ? 'results' : 'empty', target);
  } catch (error) {
    if (error.kind === 'aborted' || controller.signal.aborted) return;
    shown = null;
    showError(error, quiet);
    setStatus('error', target);
  } finally {
    clearTimeout(spinner);
    if (searchController === controller) setBusy(false);
  }
}

/** Marks which search the results region shows and how it ended (loading, results, empty,
 *  error): for styling, and for tests to wait on instead of guessing at timings. */
function setStatus(status, target) {
  dom.region.dataset.status = status;
  dom.region.dataset.search = searchFromState({ ...target, doc: '' });
}

/** A chosen source (author, tag...) should not hide the other sources (choosing several
 *  means "any of them"), so a facet with a selection gets its counts from the same search
 *  without its own filter: one extra small request. Resolves null when there is nothing to
 *  do, or on failure (the main answer's counts then stand). */
async function facetWithoutItsFilter(target, name, signal) {
  if (target[name].length === 0) return null;
  const params = searchParams({ ...target, [name]: [], page: 1, perPage: '' });
  params.set('per_page', '1');
  params.set('highlight', 'false');
  params.delete('timeline'); // only the main answer draws the chart
  try {
    const answer = await api.search(params, signal);
    return Array.isArray(answer.facets?.[name]) ? { name, values: answer.facets[name] } : null;
  } catch {
    return null;
  }
}

function setBusy(busy) {
  dom.region.classList.toggle('busy', busy);
  dom.results.setAttribute('aria-busy', String(busy));
  if (busy && !dom.summary.textContent) dom.summary.textContent = 'Searching…';
}

function showResults(result, target, quiet) {
  const hits = Array.isArray(result.hits) ? result.hits : [];
  const total = result.total ?? { value: hits.length, relation: 'eq' };
  const perPage = Number(result.per_page) || 10;
  renderSummary(result, total, target);
  renderDidYouMean(result);
  renderFacets(result.facets ?? {});
  renderTimeline(dom.timeline, result.timeline, { onRange: filterByDates });
  dom.results.replaceChildren(...hits.map((hit) => hitWithStory(hit, target)));
  const lastPage = Math.max(1, Math.min(Math.ceil(Number(total.value) / perPage), Math.floor(RESULT_WINDOW / perPage)));
  renderPager(target.page, lastPage, hits.length > 0);
  if (hits.length === 0) renderEmpty(target, Number(total.value));
  else hideMessage();
  resultParts = {
    pager: dom.pager.hidden, didYouMean: dom.didYouMean.hidden, message: dom.message.hidden, timeline: dom.timeline.hidden,
  };
  applyView();
  if (!quiet) announce(`${dom.summary.textContent}`);
}

/** A hit with, under its snippet, its story (how many report it, the others on demand). */
function hitWithStory(hit, target) {
  const item = hitItem(hit, {
    href: hrefFor({ ...target, doc: hit.id }),
    onOpen: openFromResults,
    tagHref: (tag) => hrefFor(withFilter(target, 'tag', tag)),
    onTag: filterByTag,
  });
  const story = storyBlock(hit, {
    load: (id, signal) => api.story(id, signal),
    hrefFor: (id) => hrefFor({ ...target, doc: id }),
    onOpen: openFromResults,
  });
  if (story) item.querySelector('.hit-snippet').after(story);
  return item;
}

/** A bar of the timeline chosen, or a drag across several: only articles of those dates. */
function filterByDates(from, to) {
  navigate(withChanges(state, { from, to }), { focus: 'results' });
}

function renderSummary(result, total, target) {
  const took = Number(result.took_ms);
  // Grouped, the total counts stories (a server without grouping says no "group").
  const count = countText(total, result.group === 'story' ? ['story', 'stories'] : undefined);
  const words = target.q ? ` for “${result.query?.searched ?? target.q}”` : '';
  const page = target.page > 1 ? ` · page ${target.page}` : '';
  const time = Number.isFinite(took) ? ` · ${took < 10 ? took.toFixed(1) : Math.round(took)} ms` : '';
  dom.summary.textContent = `${count}${words}${page}${time}`;
}

function renderDidYouMean(result) {
  const suggestion = result.did_you_mean;
  dom.didYouMean.replaceChildren();
  if (result.query?.relaxed) {
    dom.didYouMean.append(el('span', 'relaxed-note',
      `Your query could not be read as written, so it was searched as plain words. `));
  }
  if (suggestion && suggestion.q) {
    const link = el('a', 'did-you-mean-link');
    link.href = hrefFor(withChanges(state, { q: suggestion.q }));
    link.append(markedFragment(suggestion.html ?? suggestion.q));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(withChanges(state, { q: suggestion.q }));
    });
    dom.didYouMean.append('Did you mean ', link, '?');
  }
  dom.didYouMean.hidden = dom.didYouMean.childNodes.length === 0;
}

/** One fieldset per facet the answer has (of the filters the page knows: state.js's
 *  FILTERS), and per facet with a chosen value, in FILTERS' order. */
function renderFacets(facets) {
  const shown = [];
  for (const name of FILTERS) {
    let values = Array.isArray(facets[name]) ? facets[name] : [];
    if (values.length === 0 && state[name].length === 0 && !ALWAYS_SHOWN.has(name)) continue;
    // Years read best in calendar order, newest first; the others by count, as the server sends them.
    if (name === 'year') values = [...values].sort((a, b) => String(b.value).localeCompare(String(a.value)));
    const items = facetItems(values, state[name], name, (value) => {
      navigate(withChanges(state, { [name]: toggled(state[name], value, name) }));
    }, {
      same: (a, b) => sameValue(name, a, b),
      display: name === 'language' ? (value) => `${languageName(value)} (${value})` : undefined,
    });
    const fieldset = facetFieldset(name);
    fieldset.querySelector('.facet-list').replaceChildren(...(items.length ? items : [el('li', 'facet-none', 'None')]));
    shown.push(fieldset);
  }
  dom.facets.replaceChildren(...shown);
}

const facetFieldsets = new Map();

/** The fieldset of facet `name`, made once: its legend and its list. */
function facetFieldset(name) {
  if (!facetFieldsets.has(name)) {
    const fieldset = el('fieldset', 'facet');
    fieldset.id = `facet-${name}`;
    const legend = el('legend', '', FACET_LABELS[name] ?? name.replace(/_/g, ' '));
    const list = el('ul', 'facet-list');
    list.dataset.facet = name;
    fieldset.append(legend, list);
    facetFieldsets.set(name, fieldset);
  }
  return facetFieldsets.get(name);
}

/** A tag of a hit or of the article, clicked: only articles with it (the search stays). */
function filterByTag(tag) {
  navigate(withFilter(state, 'tag', tag), { focus: 'results' });
}

function renderPager(page, lastPage, anyHits) {
  dom.pager.hidden = !anyHits || lastPage <= 1;
  if (dom.pager.hidden) { dom.pager.replaceChildren(); return; }
  const items = pagerItems(pageWindow(page, lastPage), page, lastPage,
    (target) => hrefFor({ ...state, page: target, doc: '' }),
    (target) => navigate({ ...state, page: target, doc: '' }, { focus: 'results' }));
  dom.pager.replaceChildren(...items);
}

function renderEmpty(target, total) {
  if (total > 0 && target.page > 1) {
    showMessage('info', `There is no page ${target.page}.`, `The results end before it.`,
      [{ text: 'Go to the first page', onClick: () => navigate({ ...state, page: 1 }) }]);
    return;
  }
  const title = target.q ? `No articles match “${target.q}”.` : 'No articles match these filters.';
  const actions = hasFilters(target)
    ? [{ text: 'Clear all filters', onClick: clearFilters }] : [];
  const hint = hasFilters(target)
    ? 'Try removing a filter or widening the date range.'
    : 'Check the spelling, or try fewer or more general words.';
  showMessage('empty', title, hint, actions);
}

function showError(error, quiet) {
  dom.results.replaceChildren();
  renderFacets({}); // no counts to show, but the chosen filters stay visible and removable
  dom.pager.hidden = true;
  dom.didYouMean.hidden = true;
  dom.summary.textContent = '';
  const title = error.kind === 'http' && error.status < 500
    ? 'The search could not be run.' : 'Search is unavailable right now.';
  showMessage('error', title, error.message, [{ text: 'Try again', onClick: () => render() }], 'alert');
  dom.timeline.hidden = true;
  resultParts = { pager: true, didYouMean: true, message: false, timeline: true };
  applyView();
  if (!quiet) announce(`${title} ${error.message}`);
}

function showMessage(kind, title, help, actions, role = '') {
  dom.message.className = `message ${kind}`;
  if (role) dom.message.setAttribute('role', role); else dom.message.removeAttribute('role');
  dom.message.replaceChildren(messageBox(kind, title, help, actions));
  dom.message.hidden = false;
}

function hideMessage() {
  dom.message.hidden = true;
  dom.message.replaceChildren();
}

function announce(text) {
  dom.live.textContent = text;
}

// ---- the article view -------------------------------------------------------------------

function openFromResults(id) {
  navigate({ ...state, doc: id }, { focus: 'article' });
}

async function openArticle(target) {
  articleController?.abort();
  const controller = new AbortController();
  articleController = controller;
  const sentence = await loadArticle(dom, {
    id: target.doc, q: target.q, signal: controller.signal,
    hrefFor: (id) => hrefFor({ ...state, doc: id }),
    onOpen: (id) => navigate({ ...state, doc: id }, { focus: 'article' }),
    tagHref: (tag) => hrefFor(withFilter(state, 'tag', tag)),
    onTag: filterByTag,
    onRetry: () => render('article'),
  });
  if (!controller.signal.aborted && sentence) announce(sentence);
}

function closeArticle() {
  navigate({ ...state, doc: '' }, { focus: 'results' });
}

// ---- controls ---------------------------------------------------------------------------

function hrefFor(target) {
  return `${location.pathname}${searchFromState(target)}`;
}

function clearFilters() {
  navigate(withChanges(state, noFilters()));
}

function searchTyped() {
  clearTimeout(typingTimer);
  typingPending = false;
  const q = dom.input.value;
  if (q === state.q && !state.doc) return;
  // One history entry per query typed, not one per keystroke.
  navigate(withChanges(state, { q }), { replace: state.q !== '' && !state.doc });
}

const suggestions = attachSuggestions(dom.input, dom.suggestions, (text) => {
  clearTimeout(typingTimer);
  typingPending = false;
  navigate(withChanges(state, { q: text }));
});

dom.input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingPending = true;
  typingTimer = setTimeout(searchTyped, TYPING_DELAY_MS);
});
dom.input.addEventListener('keydown', (event) => {
  if (suggestions.handleKey(event)) event.preventDefault();
});
dom.form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  typingPending = false;
  suggestions.close();
  const q = dom.input.value;
  if (q === state.q && !state.doc) runSearch(state, { force: true });
  else navigate(withChanges(state, { q }));
});
dom.sort.addEventListener('change', () => navigate(withChanges(state, { sort: dom.sort.value })));
dom.from.addEventListener('change', () => navigate(withChanges(state, { from: dom.from.value })));
dom.to.addEventListener('change', () => navigate(withChanges(state, { to: dom.to.value })));
dom.group.addEventListener('change', () => navigate(withChanges(state, { group: dom.group.checked ? 'story' : 'none' })));
dom.clearDates.addEventListener('click', () => navigate(withChanges(state, { from: '', to: '' })));
dom.clearFilters.addEventListener('click', clearFilters);
dom.backToResults.addEventListener('click', closeArticle);
byId('home-link').addEventListener('click', (event) => {
  event.preventDefault();
  navigate(withChanges(state, { q: '', ...noFilters(), sort: 'relevance', group: 'story' }));
});

document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest?.('input, textarea, select, [contenteditable="true"]')) return;
  event.preventDefault();
  dom.input.focus();
  dom.input.select();
});

window.addEventListener('popstate', () => {
  clearTimeout(typingTimer);
  typingPending = false;
  state = stateFromSearch(location.search);
  render();
});

// Filters fold away on narrow screens, where the results matter more.
const narrow = window.matchMedia('(max-width: 760px)');
const fitFilters = () => { dom.filtersPanel.open = !narrow.matches; };
narrow.addEventListener('change', fitFilters);
fitFilters();

render();
