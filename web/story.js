// A hit's story: the line saying how many articles from how many sources report it, and a
// disclosure that loads GET /api/stories/{id} and lists the other reports and the copies,
// each linked to its article. Member titles come as plain text: they only become text
// nodes (el() sets textContent).

import { el, formatDate } from './render.js';

const countFormat = new Intl.NumberFormat('en');

/** The answer's story of a hit, when it is one to show: {id, size, sources}; null for a
 *  server without stories or a malformed member. */
export function readStory(story) {
  if (!story || typeof story !== 'object' || typeof story.id !== 'string' || !story.id) return null;
  const size = Number(story.size);
  if (!Number.isInteger(size) || size < 1) return null;
  const sources = Array.isArray(story.sources) ? story.sources.filter((s) => typeof s === 'string' && s) : [];
  return { id: story.id, size, sources };
}

/** "5 articles from 5 sources", "3 articles from wire", "2 articles". */
export function storyText({ size, sources }) {
  const articles = `${countFormat.format(size)} ${size === 1 ? 'article' : 'articles'}`;
  if (sources.length === 0) return articles;
  if (sources.length === 1) return `${articles} from ${sources[0]}`;
  return `${articles} from ${countFormat.format(sources.length)} sources`;
}

let disclosures = 0;

/** The story block under a hit, or null when the hit is alone in its story and no copy.
 *  `load(id, signal)` fetches the story, `hrefFor(id)` is an article's address on this
 *  page and `onOpen(id)` opens one on a plain click. */
export function storyBlock(hit, { load, hrefFor, onOpen }) {
  const story = readStory(hit.story);
  const copyOf = typeof hit.copy_of === 'string' && hit.copy_of ? hit.copy_of : '';
  if ((!story || story.size < 2) && !copyOf) return null;
  const block = el('div', 'story');
  if (story) block.dataset.story = story.id;
  if (copyOf) block.append(copyNote(copyOf, hrefFor, onOpen));
  if (story && story.size > 1) {
    block.append(el('span', 'story-size', storyText(story)));
    block.append(...disclosure(story, hit.id, { load, hrefFor, onOpen }));
  }
  return block;
}

function copyNote(originalId, hrefFor, onOpen) {
  const note = el('span', 'copy-note');
  note.append('A copy of ', articleLink(originalId, 'an earlier article', hrefFor, onOpen));
  return note;
}

/** The button and the list it opens; the story is fetched the first time it opens. */
function disclosure(story, hitId, { load, hrefFor, onOpen }) {
  disclosures += 1;
  const panel = el('div', 'story-members');
  panel.id = `story-members-${disclosures}`;
  panel.hidden = true;
  const button = el('button', 'story-toggle', 'Show the story');
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', panel.id);
  let loaded = false;
  let loading = null;
  button.addEventListener('click', async () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Hide the story' : 'Show the story';
    panel.hidden = !open;
    if (!open || loaded || loading) return;
    loading = new AbortController();
    panel.dataset.status = 'loading';
    panel.replaceChildren(el('p', 'story-status', 'Loading the story…'));
    try {
      const answer = await load(story.id, loading.signal);
      panel.replaceChildren(membersList(answer, hitId, hrefFor, onOpen));
      panel.dataset.status = 'loaded';
      loaded = true;
    } catch (error) {
      panel.replaceChildren(el('p', 'story-status error', `The story could not be loaded. ${error.message ?? ''}`.trim()));
      panel.dataset.status = 'error';
    } finally {
      loading = null;
    }
  });
  return [button, panel];
}

/** The story's articles, oldest first as the server sends them, but the hit itself: each
 *  linked, with its date and source, copies marked with the article they copy. */
export function membersList(answer, hitId, hrefFor, onOpen) {
  const articles = Array.isArray(answer?.articles) ? answer.articles.filter((a) => a && typeof a.id === 'string') : [];
  const titles = new Map(articles.map((article) => [article.id, titleOf(article)]));
  const list = el('ol', 'story-list');
  list.setAttribute('aria-label', 'Other articles of this story');
  for (const article of articles) {
    if (article.id === hitId) continue;
    const item = el('li', 'story-member');
    item.dataset.id = article.id;
    item.append(articleLink(article.id, titleOf(article), hrefFor, onOpen));
    const meta = el('span', 'story-member-meta');
    const date = formatDate(article.date);
    meta.append(el('span', 'story-member-date', date || 'Undated'));
    meta.append(el('span', 'story-member-source', typeof article.source === 'string' && article.source ? article.source : 'unknown source'));
    item.append(' ', meta);
    if (typeof article.copy_of === 'string' && article.copy_of) {
      const copy = el('span', 'copy-badge');
      copy.append('Copy of ', el('span', 'copy-original', titles.get(article.copy_of) ?? article.copy_of));
      item.append(' ', copy);
    }
    list.append(item);
  }
  if (list.childElementCount === 0) return el('p', 'story-status', 'No other articles in this story.');
  return list;
}

function titleOf(article) {
  return typeof article.title === 'string' && article.title.trim() ? article.title : article.id;
}

function articleLink(id, text, hrefFor, onOpen) {
  const link = el('a', 'story-link', text);
  link.href = hrefFor(id);
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(id);
  });
  return link;
}
