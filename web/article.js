// The article view: every field of the article (its original linked, its tags filtering),
// its story (the other reports, the article it copies), the full text with the query's
// terms marked, and similar articles.

import * as api from './api.js';
import { el, formatDate, markedFragment, metaLine, messageBox, tagList } from './render.js';
import { storyBlock } from './story.js';

/** Loads article `id` into the view; `hrefFor(id)` and `onOpen(id)` link similar articles
 *  and the story's,
 *  `tagHref(tag)` and `onTag(tag)` its tags, `onRetry()` loads it again after a failure.
 *  Resolves with a sentence for the live region. Never leaves the view loading. */
export async function loadArticle(dom, { id, q, signal, hrefFor, onOpen, tagHref, onTag, onRetry }) {
  dom.articleTitle.textContent = 'Loading…';
  dom.articleMeta.replaceChildren();
  dom.articleDescription.replaceChildren();
  dom.articleDescription.hidden = true;
  dom.articleTags.replaceChildren();
  dom.articleTags.hidden = true;
  dom.articleStory.replaceChildren();
  dom.articleStory.hidden = true;
  dom.articleBody.replaceChildren();
  dom.similar.replaceChildren();
  dom.article.setAttribute('aria-busy', 'true');
  const [documentResult, similarResult] = await Promise.allSettled([
    api.documentById(id, q, signal),
    api.similarTo(id, signal),
  ]);
  if (signal.aborted) return '';
  dom.article.removeAttribute('aria-busy');
  if (documentResult.status === 'rejected') {
    showFailure(dom, documentResult.reason, onRetry);
    return dom.articleTitle.textContent;
  }
  showDocument(dom, documentResult.value, tagHref, onTag);
  showStory(dom, documentResult.value, hrefFor, onOpen);
  showSimilar(dom, similarResult, hrefFor, onOpen);
  return `Showing the article ${documentResult.value.title ?? ''}`;
}

function showDocument(dom, doc, tagHref, onTag) {
  dom.articleTitle.textContent = doc.title || doc.id;
  dom.articleMeta.replaceChildren(...metaLine(doc).childNodes);
  const modified = formatDate(doc.modified);
  if (modified && modified !== formatDate(doc.date)) {
    const time = el('time', 'hit-modified', `Updated ${modified}`);
    time.dateTime = doc.modified;
    dom.articleMeta.querySelector('.hit-date').after(time);
  }
  if (typeof doc.description === 'string' && doc.description) {
    dom.articleDescription.textContent = doc.description;
    dom.articleDescription.hidden = false;
  }
  const tags = tagList(doc.tags, tagHref, onTag);
  if (tags) {
    dom.articleTags.append(tags);
    dom.articleTags.hidden = false;
  }
  if (typeof doc.body_html === 'string') {
    dom.articleBody.append(markedFragment(doc.body_html));
  } else {
    dom.articleBody.textContent = doc.body ?? '';
  }
  document.title = `${doc.title || doc.id} · Article search`;
}

/** The article's story line and copy note, as under a hit; nothing for a lone article. */
function showStory(dom, doc, hrefFor, onOpen) {
  const block = storyBlock(doc, { load: (id, signal) => api.story(id, signal), hrefFor, onOpen });
  if (!block) return;
  dom.articleStory.append(block);
  dom.articleStory.hidden = false;
}

function showFailure(dom, error, onRetry) {
  const notFound = error?.code === 'not_found';
  dom.articleTitle.textContent = notFound ? 'Article not found' : 'The article could not be loaded';
  const box = el('div', 'message error');
  box.setAttribute('role', 'alert');
  box.append(messageBox('error', error?.message ?? 'Unknown error.',
    notFound ? 'It may have been removed from the index since this link was made.' : '',
    notFound ? [] : [{ text: 'Try again', onClick: onRetry }]));
  dom.articleBody.append(box);
  dom.similar.replaceChildren(el('li', 'similar-none', 'None.'));
}

function showSimilar(dom, result, hrefFor, onOpen) {
  if (result.status === 'rejected') {
    dom.similar.replaceChildren(el('li', 'similar-none', `Similar articles could not be loaded: ${result.reason?.message ?? ''}`));
    return;
  }
  const hits = Array.isArray(result.value.hits) ? result.value.hits : [];
  if (hits.length === 0) {
    dom.similar.replaceChildren(el('li', 'similar-none', 'No similar articles.'));
    return;
  }
  dom.similar.replaceChildren(...hits.map((hit) => {
    const item = el('li', 'similar-item');
    item.dataset.id = hit.id;
    const link = el('a');
    link.href = hrefFor(hit.id);
    link.append(markedFragment(hit.title));
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      onOpen(hit.id);
    });
    item.append(link, metaLine(hit, { original: false }));
    return item;
  }));
}
