// Searching: typing, suggestions, highlighting, paging, sorting, facets, the date range,
// "did you mean", and the URL as the page's state (reload, back, forward).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CSP, newPage, screenshot, setUp } from './support/harness.mjs';
import { facet, hits, typeQuery, urlParams, visibleText, waitForSearch } from './support/page.mjs';

/** The articles the hits on screen stand for: each hit's story size ("3 articles from …"),
 *  1 for a hit without a story line. */
function articlesShown(page) {
  return page.$$eval('#results .hit', (items) => items.reduce((sum, item) => {
    const size = /^(\d+) articles/.exec(item.querySelector('.story-size')?.textContent ?? '');
    return sum + (size ? Number(size[1]) : 1);
  }, 0));
}

describe('searching', () => {
  let env;
  before(async () => { env = await setUp(); });
  after(async () => { await env?.tearDown(); });

  const open = async (search = '') => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/${search}`);
    await waitForSearch(page, search);
    return page;
  };

  test('the page is served with the Content-Security-Policy and runs under it', async () => {
    const response = await fetch(`${env.server.url}/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    // As a browser reads it (Fetch: the first of the comma-separated values).
    assert.equal(response.headers.get('x-content-type-options')?.split(',')[0].trim(), 'nosniff');
    const page = await open();
    assert.ok((await hits(page)).length > 0, 'the empty query lists articles');
    assert.deepEqual(page.problems, [], 'no script errors and no CSP violations');
    await page.context().close();
  });

  test('typing shows results as you type, highlighted, with count and time', async () => {
    const page = await open();
    await typeQuery(page, 'kaspersky');
    await waitForSearch(page, '?q=kaspersky', 'results');
    const found = await hits(page);
    // Hits come one per story: the five corpus articles, some folded under another.
    assert.ok(await articlesShown(page) >= 5, `all five corpus articles match, ${found.length} hits`);
    for (const hit of found) {
      assert.ok(hit.marks.some((mark) => /kaspersky/i.test(mark)), `${hit.id} has Kaspersky marked`);
      assert.ok(hit.snippet.length > 0 && hit.source.length > 0);
    }
    const summary = await visibleText(page, '#summary');
    assert.match(summary, /^(about )?\d+ (results?|stories|story) for “kaspersky” · .*\d ms$/);
    assert.match(await page.textContent('#live'), /(results?|stories|story) for “kaspersky”/, 'the live region announces the count');
    assert.equal(urlParams(page).get('q'), 'kaspersky');
    await screenshot(page, 'results-kaspersky');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a half-typed word already finds the articles with the words it begins', async () => {
    const page = await open();
    await typeQuery(page, 'kasp');
    await waitForSearch(page, '?q=kasp', 'results');
    const found = await hits(page);
    assert.ok(await articlesShown(page) >= 5, `the five Kaspersky articles match "kasp", ${found.length} hits`);
    for (const hit of found) {
      assert.ok(hit.marks.some((mark) => /^kaspersky/i.test(mark)), `${hit.id} has Kaspersky marked`);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('Enter searches at once, without waiting for the typing pause', async () => {
    const page = await open();
    await page.fill('#q', 'energy');
    await page.press('#q', 'Enter');
    await waitForSearch(page, '?q=energy', 'results');
    assert.ok((await hits(page)).every((hit) => hit.marks.some((mark) => /energy/i.test(mark))));
    await page.context().close();
  });

  test('suggestions appear under the box and are chosen with the arrow keys and Enter', async () => {
    const page = await open();
    await typeQuery(page, 'kasp');
    await page.waitForSelector('#suggestions:not([hidden]) [role="option"]');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
    const options = await page.$$eval('#suggestions [role="option"]', (items) => items.map((item) => item.textContent));
    assert.ok(options.includes('kaspersky'), `suggestions: ${options}`);
    await screenshot(page, 'suggestions');
    const index = options.indexOf('kaspersky');
    for (let step = 0; step <= index; step += 1) await page.press('#q', 'ArrowDown');
    const active = await page.getAttribute('#q', 'aria-activedescendant');
    assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
    assert.equal(await page.textContent(`#${active}`), 'kaspersky');
    await page.press('#q', 'Enter');
    await waitForSearch(page, '?q=kaspersky', 'results');
    assert.equal(await page.inputValue('#q'), 'kaspersky');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'false');
    // Escape closes the list and leaves the text alone.
    await typeQuery(page, 'kasp');
    await page.waitForSelector('#suggestions:not([hidden]) [role="option"]');
    await page.press('#q', 'Escape');
    await page.waitForSelector('#suggestions', { state: 'hidden' });
    assert.equal(await page.inputValue('#q'), 'kasp');
    await page.context().close();
  });

  test('paging moves through the results, and back and forward retrace it', async () => {
    const page = await open('?q=energy');
    const first = await hits(page);
    assert.equal(first.length, 10, 'a full first page');
    await page.click('#pager .page-next');
    await waitForSearch(page, '?q=energy&page=2', 'results');
    const second = await hits(page);
    assert.ok(second.length > 0);
    assert.ok(second.every((hit) => !first.some((other) => other.id === hit.id)), 'page 2 holds other articles');
    assert.equal(await page.getAttribute('#pager [aria-current="page"]', 'aria-label'), 'Page 2');
    await page.goBack();
    await waitForSearch(page, '?q=energy', 'results');
    assert.deepEqual((await hits(page)).map((hit) => hit.id), first.map((hit) => hit.id));
    await page.goForward();
    await waitForSearch(page, '?q=energy&page=2', 'results');
    assert.deepEqual((await hits(page)).map((hit) => hit.id), second.map((hit) => hit.id));
    await page.context().close();
  });

  test('sorting by newest and oldest orders the dated results', async () => {
    const page = await open('?q=energy');
    await page.selectOption('#sort', 'newest');
    await waitForSearch(page, '?q=energy&sort=newest', 'results');
    const newest = (await hits(page)).map((hit) => hit.date).filter(Boolean);
    assert.ok(newest.length >= 5);
    assert.deepEqual(newest, [...newest].sort().reverse(), 'newest first');
    await page.selectOption('#sort', 'oldest');
    await waitForSearch(page, '?q=energy&sort=oldest', 'results');
    const oldest = (await hits(page)).map((hit) => hit.date).filter(Boolean);
    assert.deepEqual(oldest, [...oldest].sort(), 'oldest first');
    assert.ok(oldest[0] < newest[0]);
    await page.goBack();
    await waitForSearch(page, '?q=energy&sort=newest', 'results');
    assert.equal(await page.inputValue('#sort'), 'newest', 'back restores the sort control');
    await page.context().close();
  });

  test('facets show counts and narrow by source and year', async () => {
    const page = await open('?q=energy');
    const sources = await facet(page, 'source');
    const science = sources.find((entry) => entry.value === 'science');
    assert.ok(science && science.count > 0, `source facet: ${JSON.stringify(sources)}`);
    assert.ok(sources.some((entry) => entry.value === 'world'));
    await page.check('[data-facet="source"] input[value="science"]');
    await waitForSearch(page, '?q=energy&source=science', 'results');
    const narrowed = await hits(page);
    assert.equal(narrowed.length, Math.min(science.count, 10), 'the facet count is the number of hits');
    assert.ok(narrowed.every((hit) => hit.source === 'science'));
    assert.ok((await facet(page, 'source')).find((entry) => entry.value === 'science').checked);

    const years = await facet(page, 'year');
    const year = years.find((entry) => entry.count > 0);
    await page.check(`[data-facet="year"] input[value="${year.value}"]`);
    await waitForSearch(page, `?q=energy&source=science&year=${year.value}`, 'results');
    const both = await hits(page);
    assert.equal(both.length, year.count);
    assert.ok(both.every((hit) => hit.source === 'science' && hit.date.startsWith(year.value)));
    await screenshot(page, 'facets');

    await page.click('#clear-filters');
    await waitForSearch(page, '?q=energy', 'results');
    assert.ok((await facet(page, 'source')).every((entry) => !entry.checked));
    await page.context().close();
  });

  test('a chosen source keeps the others on offer, and two sources show either', async () => {
    const page = await open('?q=energy');
    const counts = Object.fromEntries((await facet(page, 'source')).map((entry) => [entry.value, entry.count]));
    await page.check('[data-facet="source"] input[value="science"]');
    await waitForSearch(page, '?q=energy&source=science', 'results');
    const offered = await facet(page, 'source');
    assert.deepEqual(offered.find((entry) => entry.value === 'world'), { value: 'world', count: counts.world, checked: false },
      'world is still offered with its count');
    await page.check('[data-facet="source"] input[value="world"]');
    await waitForSearch(page, '?q=energy&source=science&source=world', 'results');
    assert.match(await visibleText(page, '#summary'), new RegExp(`^${counts.science + counts.world} (results|stories)`));
    const sources = new Set((await hits(page)).map((hit) => hit.source));
    assert.deepEqual([...sources].sort(), ['science', 'world']);
    await page.context().close();
  });

  test('a date range keeps only articles dated inside it', async () => {
    const page = await open('?q=energy');
    const before = await visibleText(page, '#summary');
    await page.fill('#from', '2022-01-01');
    await waitForSearch(page, '?q=energy&from=2022-01-01', 'results');
    await page.fill('#to', '2022-12-31');
    await waitForSearch(page, '?q=energy&from=2022-01-01&to=2022-12-31', 'results');
    const inRange = await hits(page);
    assert.ok(inRange.length > 0);
    assert.ok(inRange.every((hit) => hit.date >= '2022-01-01' && hit.date.slice(0, 10) <= '2022-12-31'),
      JSON.stringify(inRange.map((hit) => hit.date)));
    assert.notEqual(await visibleText(page, '#summary'), before);
    await page.context().close();
  });

  test('"Did you mean" offers the corrected query and follows it with one click', async () => {
    const page = await open();
    await typeQuery(page, 'enrgy');
    await waitForSearch(page, '?q=enrgy');
    await page.waitForSelector('#did-you-mean:not([hidden]) a');
    assert.match(await visibleText(page, '#did-you-mean'), /Did you mean energy\?/);
    await screenshot(page, 'did-you-mean');
    await page.click('#did-you-mean a');
    await waitForSearch(page, '?q=energy', 'results');
    assert.equal(await page.inputValue('#q'), 'energy');
    assert.ok((await hits(page)).length > 0);
    await page.context().close();
  });

  test('a query the parser rejects is searched as plain words, and the page says so', async () => {
    const page = await open();
    await page.fill('#q', 'kaspersky AND (');
    await page.press('#q', 'Enter');
    await waitForSearch(page, '?q=kaspersky+AND+%28', 'results');
    assert.match(await visibleText(page, '#did-you-mean'), /could not be read as written/);
    assert.match(await visibleText(page, '#summary'), /for “kaspersky”/, 'the summary names what was searched');
    assert.ok((await hits(page)).length > 0);
    await page.context().close();
  });

  test('the URL holds query, sort, filters and page: a shared link shows the same page', async () => {
    const search = '?q=energy&sort=oldest&source=world&year=2022';
    const page = await open(search);
    assert.equal(await page.inputValue('#q'), 'energy');
    assert.equal(await page.inputValue('#sort'), 'oldest');
    const checked = async (name) => (await facet(page, name)).filter((entry) => entry.checked).map((entry) => entry.value);
    assert.deepEqual(await checked('source'), ['world']);
    assert.deepEqual(await checked('year'), ['2022']);
    const shown = await hits(page);
    assert.ok(shown.length > 0 && shown.every((hit) => hit.source === 'world' && hit.date.startsWith('2022')));
    await page.reload();
    await waitForSearch(page, search, 'results');
    assert.deepEqual((await hits(page)).map((hit) => hit.id), shown.map((hit) => hit.id));
    await page.context().close();
  });
});
