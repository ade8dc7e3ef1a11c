// Building the page's DOM. Article text only ever becomes text nodes: the one exception
// is the server's highlighted HTML (already escaped, <mark> its only tag), and even that is
// rebuilt here from text nodes and <mark> elements, so nothing else could slip through.

/** A fragment holding `html` as text, with its <mark> elements kept and every other tag
 *  reduced to its text. The HTML is parsed in an inert template: nothing in it runs or loads. */
export function markedFragment(html) {
  const template = document.createElement('template');
  template.innerHTML = String(html ?? '');
  const fragment = document.createDocumentFragment();
  copyMarked(template.content, fragment, 0);
  return fragment;
}

function copyMarked(from, to, depth) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(document.createTextNode(node.data));
    } else if (node.nodeName === 'MARK' && depth < 4) {
      const mark = document.createElement('mark');
      copyMarked(node, mark, depth + 1);
      to.append(mark);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      to.append(document.createTextNode(node.textContent));
    }
  }
}

/** An element with a class and text content. */
export function el(tag, className = '', text = '') {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "16 Jul 2024" for "2024-07-16" or "2024-07-16T21:08:57"; "" when absent or unreadable. */
export function formatDate(iso) {
  if (!iso) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!day) return '';
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

const countFormat = new Intl.NumberFormat('en');

/** "about 1,200 results", "1 result", "no results"; `nouns` names what is counted
 *  (['story', 'stories'] for grouped hits). */
export function countText(total, [one, many] = ['result', 'results']) {
  const value = Number(total?.value ?? 0);
  if (value === 0) return 'No results';
  const noun = value === 1 ? one : many;
  const about = total?.relation === 'estimate' ? 'about ' : '';
  return `${about}${countFormat.format(value)} ${noun}`;
}

/** `text` as a URL the page may link to: an absolute http: or https: URL, else null
 *  (a javascript:, data: or relative "URL" from an article is never made a link). */
export function safeHttpUrl(text) {
  if (typeof text !== 'string' || text === '') return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to an article's original on its publisher's site, opened in a new tab that
 *  gets no handle on this page; null when `url` is not one safeHttpUrl lets through. */
export function originalLink(url, text) {
  const href = safeHttpUrl(url);
  if (!href) return null;
  const host = new URL(href).hostname;
  const link = el('a', 'original-link', text ?? `${host} ↗`);
  link.href = href;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.title = `The original article at ${host}, in a new tab`;
  link.setAttribute('aria-label', link.title);
  return link;
}

// The page's language (index.html's lang); the text helpers also run outside a browser.
const PAGE_LANGUAGE = (globalThis.document?.documentElement?.lang || 'en').toLowerCase();
const languageNames = typeof Intl.DisplayNames === 'function'
  ? new Intl.DisplayNames([PAGE_LANGUAGE], { type: 'language' }) : null;

/** "French" for "fr", the tag itself when it has no name. */
export function languageName(tag) {
  try {
    return languageNames?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** True when `tag` is in the page's own language ("en-GB" on an English page), or
 *  unknown: then there is nothing to say about it. */
export function pageLanguage(tag) {
  return !tag || String(tag).toLowerCase().split('-')[0] === PAGE_LANGUAGE.split('-')[0];
}

/** The line under a hit's or an article's title: date, source, section, authors, the
 *  language when it is not the page's, and the link to the original. */
export function metaLine(item, { original = true } = {}) {
  const meta = el('p', 'hit-meta');
  const date = formatDate(item.date);
  if (date) {
    const time = el('time', 'hit-date', date);
    time.dateTime = item.date;
    meta.append(time);
  } else {
    meta.append(el('span', 'hit-date undated', 'Undated'));
  }
  meta.append(el('span', 'hit-source', item.source || 'unknown source'));
  if (typeof item.section === 'string' && item.section) meta.append(el('span', 'hit-section', item.section));
  const authors = textList(item.authors);
  if (authors.length) meta.append(el('span', 'hit-authors', `By ${authors.join(', ')}`));
  if (typeof item.language === 'string' && !pageLanguage(item.language)) {
    const language = el('span', 'hit-language', languageName(item.language));
    language.lang = item.language;
    meta.append(language);
  }
  const link = original ? originalLink(item.url, 'Original ↗') : null;
  if (link) meta.append(link);
  return meta;
}

/** The strings of `values` when it is a list (a field the server sends as []). */
export function textList(values) {
  return Array.isArray(values) ? values.filter((value) => typeof value === 'string' && value) : [];
}

/** An item's tags as links that filter by them: `hrefFor(tag)` is where each goes,
 *  `onTag(tag)` handles plain clicks. Null when there are none. */
export function tagList(tags, hrefFor, onTag) {
  const values = textList(tags);
  if (values.length === 0) return null;
  const list = el('ul', 'tag-list');
  list.setAttribute('aria-label', 'Tags');
  for (const tag of values) {
    const link = el('a', 'tag-link', tag);
    link.href = hrefFor(tag);
    link.title = `Only articles tagged “${tag}”`;
    link.dataset.tag = tag;
    link.addEventListener('click', (event) => {
      if (!plainClick(event)) return;
      event.preventDefault();
      onTag(tag);
    });
    const item = el('li', 'tag-item');
    item.append(link);
    list.append(item);
  }
  return list;
}

function plainClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** One hit as a list item: its title opens it here (`href`, `onOpen` for plain clicks),
 *  the meta line links its original, and its tags filter (`tagHref`, `onTag`). */
export function hitItem(hit, { href, onOpen, tagHref, onTag }) {
  const item = el('li', 'hit');
  item.dataset.id = hit.id;
  const heading = el('h2', 'hit-title');
  const link = el('a');
  link.href = href;
  link.append(markedFragment(hit.title ?? escapeText(hit.title_text)));
  link.addEventListener('click', (event) => {
    if (!plainClick(event)) return;
    event.preventDefault();
    onOpen(hit.id);
  });
  heading.append(link);
  const snippet = el('p', 'hit-snippet');
  snippet.append(markedFragment(hit.snippet ?? escapeText(hit.snippet_text)));
  item.append(heading, metaLine(hit), snippet);
  const tags = tagList(hit.tags, tagHref, onTag);
  if (tags) item.append(tags);
  return item;
}

function escapeText(text) {
  const holder = document.createElement('div');
  holder.textContent = text ?? '';
  return holder.innerHTML;
}

/** The checkboxes of one facet: the server's values with their counts, plus any selected
 *  value the server no longer lists (so it can still be unchecked). `same(a, b)` says
 *  whether two values are one (whatever the case, for the fields matched so);
 *  `display(value)` is the text shown for one. */
export function facetItems(values, selected, name, onToggle, { same = (a, b) => a === b, display = (v) => v } = {}) {
  const all = values.map((entry) => ({ value: String(entry.value), count: entry.count }));
  for (const value of selected) {
    if (!all.some((entry) => same(entry.value, value))) all.push({ value, count: 0 });
  }
  return all.map(({ value, count }) => {
    const item = el('li', 'facet-item');
    const label = el('label');
    const box = el('input');
    box.type = 'checkbox';
    box.name = name;
    box.value = value;
    box.checked = selected.some((chosen) => same(chosen, value));
    box.addEventListener('change', () => onToggle(value));
    label.append(box, el('span', 'facet-value', display(value)), el('span', 'facet-count', countFormat.format(count)));
    item.append(label);
    return item;
  });
}

/** The pager's links: previous, numbered pages (with gaps), next. */
export function pagerItems(pages, current, last, hrefFor, onPage) {
  const items = [];
  const link = (page, text, extraClass, ariaLabel) => {
    const anchor = el('a', `page-link ${extraClass}`.trim(), text);
    anchor.href = hrefFor(page);
    if (ariaLabel) anchor.setAttribute('aria-label', ariaLabel);
    if (page === current) anchor.setAttribute('aria-current', 'page');
    anchor.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      onPage(page);
    });
    return anchor;
  };
  if (current > 1) items.push(link(current - 1, '‹ Previous', 'page-prev', 'Previous page'));
  for (const page of pages) {
    items.push(page === null ? el('span', 'page-gap', '…') : link(page, String(page), '', `Page ${page}`));
  }
  if (current < last) items.push(link(current + 1, 'Next ›', 'page-next', 'Next page'));
  return items;
}

/** A message box: a title, a line of help and optional buttons. */
export function messageBox(kind, title, help, actions = []) {
  const box = document.createDocumentFragment();
  const heading = el('p', 'message-title', title);
  box.append(heading);
  if (help) box.append(el('p', 'message-help', help));
  if (actions.length) {
    const row = el('p', 'message-actions');
    for (const { text, onClick } of actions) {
      const button = el('button', 'action-button', text);
      button.type = 'button';
      button.addEventListener('click', onClick);
      row.append(button);
    }
    box.append(row);
  }
  return box;
}
