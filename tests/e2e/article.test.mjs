// Reading an article: the full text with the query's terms marked, similar articles, the
// history; and the safety case: markup inside articles shows as text and runs nothing.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage, screenshot, setUp, startServer } from './support/harness.mjs';
import { hits, urlParams, visibleText, waitForSearch } from './support/page.mjs';

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=1">';

async function articleShown(page, id) {
  await page.waitForFunction((wanted) => {
    const article = document.getElementById('article');
    return !article.hidden && !article.hasAttribute('aria-busy')
      && new URL(location.href).searchParams.get('doc') === wanted;
  }, id, { timeout: 8000 });
  return {
    title: await page.textContent('#article-title'),
    body: await page.textContent('#article-body'),
    marks: await page.$$eval('#article-body mark', (marks) => marks.map((mark) => mark.textContent)),
    similar: await page.$$eval('#similar .similar-item', (items) => items.map((item) => item.dataset.id)),
  };
}

describe('the article view', () => {
  let env;
  before(async () => { env = await setUp(); });
  after(async () => { await env?.tearDown(); });

  const open = async (search) => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/${search}`);
    await waitForSearch(page, search);
    return page;
  };

  test('opening a hit shows the full text with the query terms marked, and similar articles', async () => {
    const page = await open('?q=kaspersky');
    const [first] = await hits(page);
    await page.click(`#results .hit[data-id="${first.id}"] .hit-title a`);
    const article = await articleShown(page, first.id);
    assert.equal(article.title, first.title);
    assert.ok(article.body.length > first.snippet.length - 10, 'the whole body, not the snippet');
    assert.ok(article.marks.length > 0 && article.marks.every((mark) => /kaspersky/i.test(mark)),
      `marks: ${article.marks}`);
    assert.ok(article.similar.length > 0, 'similar articles are listed');
    assert.ok(!article.similar.includes(first.id), 'an article is not similar to itself');
    assert.equal(urlParams(page).get('q'), 'kaspersky', 'the query stays in the URL');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'article-title', 'focus moves to the article');
    await screenshot(page, 'article', { fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('similar articles open in turn, and back returns through them to the results', async () => {
    const page = await open('?q=energy');
    const [first] = await hits(page);
    await page.click(`#results .hit[data-id="${first.id}"] .hit-title a`);
    const article = await articleShown(page, first.id);
    const next = article.similar[0];
    assert.ok(next, 'a similar article to follow');
    await page.click(`#similar .similar-item[data-id="${next}"] a`);
    const second = await articleShown(page, next);
    assert.notEqual(second.title, article.title);
    await page.goBack();
    assert.equal((await articleShown(page, first.id)).title, article.title);
    await page.goBack();
    await waitForSearch(page, '?q=energy', 'results');
    assert.ok(await page.isHidden('#article'));
    assert.equal((await hits(page))[0].id, first.id);
    await page.goForward();
    await articleShown(page, first.id);
    await page.click('#back-to-results');
    await waitForSearch(page, '?q=energy', 'results');
    assert.ok(await page.isVisible('#results .hit'));
    await page.context().close();
  });

  test('ids with a slash open, and an unknown id says it is not found', async () => {
    const page = await open('?q=solar');
    const found = await hits(page);
    const slashed = found.find((hit) => hit.id.includes('/'));
    assert.ok(slashed, `a hit from a fixture folder: ${found.map((hit) => hit.id)}`);
    await page.click(`#results .hit[data-id="${slashed.id}"] .hit-title a`);
    const article = await articleShown(page, slashed.id);
    assert.ok(article.marks.some((mark) => /solar/i.test(mark)));
    // The link, shared: a new page opened on it shows the same article.
    const shared = await newPage(env.browser);
    await shared.goto(page.url());
    assert.equal((await articleShown(shared, slashed.id)).title, article.title);
    await shared.context().close();
    await page.goto(`${env.server.url}/?doc=no/such-article`);
    await page.waitForFunction(() => document.getElementById('article-title').textContent === 'Article not found',
      null, { timeout: 8000 });
    assert.match(await visibleText(page, '#article-body'), /\S/);
    await page.context().close();
  });

  test('an article that cannot be loaded says why and offers to try again', async () => {
    const own = await startServer(env.db);
    const page = await newPage(env.browser);
    try {
      await page.goto(`${own.url}/?q=energy`);
      await waitForSearch(page, '?q=energy', 'results');
      const [first] = await hits(page);
      await own.stop();
      await page.click(`#results .hit[data-id="${first.id}"] .hit-title a`);
      await page.waitForFunction(() => document.getElementById('article-title').textContent
        === 'The article could not be loaded', null, { timeout: 8000 });
      assert.match(await visibleText(page, '#article-body [role="alert"]'), /Cannot reach the search server/);
      const again = await startServer(env.db, own.port);
      try {
        await page.click('#article-body button');
        const article = await articleShown(page, first.id);
        assert.equal(article.title, first.title);
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
      await page.context().close();
    }
  });

  test('markup inside articles shows as text and never runs', async () => {
    const page = await open('?q=marzipan');
    const found = await hits(page);
    assert.equal(found.length, 2, 'both fixture articles match');
    const titles = found.map((hit) => hit.title).join('\n');
    assert.ok(titles.includes(SCRIPT), titles);
    assert.ok(titles.includes(IMG), titles);
    assert.ok(found.some((hit) => hit.snippet.includes(SCRIPT) || hit.snippet.includes(IMG)));
    assert.equal(await page.$$eval('#results img, #results script', (nodes) => nodes.length), 0);
    await page.waitForTimeout(300); // give a broken image's onerror the time to fire
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await screenshot(page, 'xss-results');

    for (const hit of found) {
      await page.click(`#results .hit[data-id="${hit.id}"] .hit-title a`);
      const article = await articleShown(page, hit.id);
      assert.ok(article.title.includes(SCRIPT) || article.title.includes(IMG), article.title);
      assert.ok(article.body.includes(SCRIPT) || article.body.includes(IMG), article.body);
      assert.equal(await page.$$eval('#article img, #article script, #similar img', (nodes) => nodes.length), 0);
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      await page.click('#back-to-results');
      await waitForSearch(page, '?q=marzipan', 'results');
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
