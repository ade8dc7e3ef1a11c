// News articles on the page: the link to the original (only http(s), in a new tab that
// gets no handle on the page), authors, section, language and tags on hits and in the
// article view, tags that filter, and the author, tag, section and language facets.
// fixtures/news.jsonl holds the articles, one with a javascript: URL and markup in its
// fields.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage, screenshot, setUp } from './support/harness.mjs';
import { facet, hits, waitForSearch } from './support/page.mjs';

/** What a hit shows of its news fields. */
function newsOf(page, id) {
  return page.$eval(`#results .hit[data-id="${id}"]`, (item) => ({
    open: item.querySelector('.hit-title a').getAttribute('href'),
    original: [...item.querySelectorAll('a.original-link')].map((link) => ({
      href: link.getAttribute('href'), target: link.target, rel: link.rel,
    })),
    authors: item.querySelector('.hit-authors')?.textContent ?? '',
    section: item.querySelector('.hit-section')?.textContent ?? '',
    language: item.querySelector('.hit-language')?.textContent ?? '',
    tags: [...item.querySelectorAll('.tag-link')].map((link) => link.textContent),
  }));
}

describe('news fields', () => {
  let env;
  before(async () => { env = await setUp(); });
  after(async () => { await env?.tearDown(); });

  const open = async (search) => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/${search}`);
    await waitForSearch(page, search, 'results');
    return page;
  };

  test('a hit links its original in a new tab, and its title still opens it here', async () => {
    const page = await open('?q=storm');
    const coast = await newsOf(page, 'news/storm-coast');
    assert.deepEqual(coast.original, [{
      href: 'https://news.example/world/storm-coast', target: '_blank', rel: 'noopener noreferrer',
    }]);
    assert.equal(coast.open, '/?q=storm&doc=news/storm-coast', 'the title opens the article view');
    const rail = await newsOf(page, 'news/storm-rail');
    assert.equal(rail.original[0]?.href, 'http://news.example/world/storm-rail', 'http: is linked too');
    await screenshot(page, 'news-results');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a javascript: url is not linked, and markup in authors and tags shows as text', async () => {
    const page = await open('?q=hoax');
    const [hoax] = await hits(page);
    assert.equal(hoax?.id, 'news/storm-hoax');
    const shown = await newsOf(page, hoax.id);
    assert.deepEqual(shown.original, [], 'no link to the original');
    const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href')));
    assert.ok(hrefs.every((href) => !/^\s*javascript:/i.test(href)), JSON.stringify(hrefs));
    assert.equal(shown.authors, 'By <img src=x onerror="window.__xss=1">');
    assert.equal(shown.section, '<b>Odd</b>');
    assert.deepEqual(shown.tags, ['<script>window.__xss=1</script>']);
    assert.equal(await page.$$eval('#results img, #results script, #results b', (nodes) => nodes.length), 0);
    await page.waitForTimeout(300); // a broken image's onerror would have fired by now
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('authors, section and tags show; the language only when it is not the page\'s', async () => {
    const page = await open('?q=storm');
    const coast = await newsOf(page, 'news/storm-coast');
    assert.equal(coast.authors, 'By Jane Doe, John Roe');
    assert.equal(coast.section, 'World');
    assert.deepEqual(coast.tags, ['weather', 'floods']);
    assert.equal(coast.language, '', 'English on an English page goes without saying');
    const french = await newsOf(page, 'news/tempete');
    assert.equal(french.language, 'French');
    assert.equal(await page.getAttribute('#results .hit[data-id="news/tempete"] .hit-language', 'lang'), 'fr');
    await page.context().close();
  });

  test('a tag clicked keeps only the articles with it', async () => {
    const page = await open('?q=storm');
    await page.click('#results .hit[data-id="news/storm-rail"] .tag-link[data-tag="rail"]');
    await waitForSearch(page, '?q=storm&tag=rail', 'results');
    assert.deepEqual((await hits(page)).map((hit) => hit.id), ['news/storm-rail']);
    assert.ok((await facet(page, 'tag')).find((entry) => entry.value === 'rail')?.checked,
      'the tag facet shows the filter, to be unchecked');
    await page.goBack();
    await waitForSearch(page, '?q=storm', 'results');
    assert.ok((await hits(page)).length >= 4);
    await page.context().close();
  });

  test('author, tag, section and language facets appear; the author facet filters', async () => {
    const page = await open('?q=storm');
    const legends = await page.$$eval('#facets legend', (items) => items.map((item) => item.textContent));
    assert.deepEqual(legends, ['Source', 'Year', 'Author', 'Tag', 'Section', 'Language']);
    const authors = await facet(page, 'author');
    // "Jane Doe" and "jane doe" are one author.
    assert.deepEqual(authors.find((entry) => entry.value === 'Jane Doe'), { value: 'Jane Doe', count: 2, checked: false });
    assert.ok(!authors.some((entry) => entry.value === 'jane doe'), JSON.stringify(authors));
    const languages = await page.$$eval('[data-facet="language"] .facet-value', (items) => items.map((item) => item.textContent));
    assert.deepEqual(languages, ['English (en)', 'French (fr)']);

    await page.check('[data-facet="author"] input[value="Jane Doe"]');
    await waitForSearch(page, '?q=storm&author=Jane+Doe', 'results');
    assert.deepEqual((await hits(page)).map((hit) => hit.id).sort(), ['news/storm-coast', 'news/storm-rail']);
    const offered = await facet(page, 'author');
    assert.ok(offered.find((entry) => entry.value === 'Jane Doe').checked);
    assert.ok(offered.some((entry) => entry.value === 'Ann Lee' && !entry.checked),
      'the other authors stay on offer');
    await screenshot(page, 'news-author-facet');
    await page.click('#clear-filters');
    await waitForSearch(page, '?q=storm', 'results');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a corpus without news fields shows no empty news facets', async () => {
    const page = await open('?q=energy');
    const legends = await page.$$eval('#facets legend', (items) => items.map((item) => item.textContent));
    assert.deepEqual(legends, ['Source', 'Year']);
    await page.context().close();
  });

  test('the article view shows every field, links the original safely, and its tags filter', async () => {
    const page = await open('?q=storm');
    await page.click('#results .hit[data-id="news/storm-coast"] .hit-title a');
    await page.waitForFunction(() => !document.getElementById('article').hidden
      && !document.getElementById('article').hasAttribute('aria-busy'), null, { timeout: 8000 });
    const meta = await page.textContent('#article-meta');
    for (const part of ['10 Feb 2024', 'Updated 11 Feb 2024', 'wire', 'World', 'By Jane Doe, John Roe']) {
      assert.ok(meta.includes(part), `${part} in "${meta}"`);
    }
    const original = await page.$eval('#article-meta a.original-link',
      (link) => ({ href: link.getAttribute('href'), target: link.target, rel: link.rel }));
    assert.deepEqual(original, { href: 'https://news.example/world/storm-coast', target: '_blank', rel: 'noopener noreferrer' });
    assert.equal(await page.textContent('#article-description'), 'The sea came over the walls in the night.');
    assert.deepEqual(await page.$$eval('#article-tags .tag-link', (links) => links.map((link) => link.textContent)),
      ['weather', 'floods']);
    await screenshot(page, 'news-article', { fullPage: true });

    await page.click('#article-tags .tag-link[data-tag="floods"]');
    await waitForSearch(page, '?q=storm&tag=floods', 'results');
    assert.deepEqual((await hits(page)).map((hit) => hit.id), ['news/storm-coast']);

    await page.goto(`${env.server.url}/?q=hoax&doc=news/storm-hoax`);
    await page.waitForFunction(() => !document.getElementById('article').hidden
      && !document.getElementById('article').hasAttribute('aria-busy'), null, { timeout: 8000 });
    assert.equal(await page.$$eval('#article a.original-link', (links) => links.length), 0);
    assert.equal(await page.$$eval('#article img, #article script', (nodes) => nodes.length), 0);
    assert.ok((await page.textContent('#article-meta')).includes('By <img src=x onerror="window.__xss=1">'));
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
