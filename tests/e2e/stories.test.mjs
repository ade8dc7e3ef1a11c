// Stories and the timeline on the search page: hits grouped into stories (the default),
// a story's other reports and copies on demand, the grouping toggle, and the bar chart
// of dates that sets the date range by click, key and drag.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage, screenshot, setUp } from './support/harness.mjs';
import { hits, urlParams, visibleText, waitForSearch } from './support/page.mjs';

const HOSTILE = '<img src=x onerror="window.__xss=1"> Glacier melt copied';
const ORIGINAL_TITLE = 'Rhone glacier loses record ice in a mild winter';

/** The timeline's bars as shown: [{start, end, count, label, tabIndex}]. */
function bars(page) {
  return page.$$eval('#timeline .timeline-bar', (items) => items.map((bar) => ({
    start: bar.dataset.start, end: bar.dataset.end, count: Number(bar.dataset.count),
    label: bar.getAttribute('aria-label'), tabIndex: bar.tabIndex,
  })));
}

describe('stories and the timeline', () => {
  let env;
  before(async () => { env = await setUp(); });
  after(async () => { await env?.tearDown(); });

  const open = async (search = '', status = '') => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/${search}`);
    await waitForSearch(page, search, status);
    return page;
  };
  const api = async (path) => (await fetch(`${env.server.url}${path}`)).json();

  test('hits come grouped into stories: one per story, saying how many report it', async () => {
    const page = await open('?q=glacier', 'results');
    const found = await hits(page);
    assert.equal(found.length, 2, 'four glacier articles in two stories');
    assert.match(await visibleText(page, '#summary'), /^2 stories for “glacier”/);
    assert.equal(await page.isChecked('#group-stories'), true);
    const story = page.locator('#results .hit .story-size');
    assert.equal(await story.count(), 1, 'the lone article has no story line');
    assert.equal((await story.textContent()).trim(), '3 articles from 3 sources');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('the Kaspersky reports of the corpus fold into fewer stories, every article counted once', async () => {
    const page = await open('?q=kaspersky', 'results');
    const grouped = await hits(page);
    const sizes = await page.$$eval('#results .hit', (items) => items.map((item) =>
      Number(/^(\d+) articles/.exec(item.querySelector('.story-size')?.textContent ?? '')?.[1] ?? 1)));
    await page.uncheck('#group-stories');
    await waitForSearch(page, '?q=kaspersky&group=none', 'results');
    const all = await hits(page);
    assert.ok(grouped.length < all.length, `${grouped.length} stories of ${all.length} articles`);
    assert.equal(sizes.reduce((sum, size) => sum + size, 0), all.length, 'the story sizes add up to the articles');
    await page.context().close();
  });

  test('a story opens to list its other reports and copies, linked, the copy marked, markup as text', async () => {
    const page = await open('?q=mild+winter', 'results');
    const first = page.locator('#results .hit').first();
    assert.equal(await first.getAttribute('data-id'), 'stories/glacier-original',
      'the original ranks first (both words in its title)');
    const toggle = first.locator('.story-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const panel = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await page.waitForFunction((id) => document.getElementById(id).dataset.status === 'loaded',
      await toggle.getAttribute('aria-controls'));
    const members = await panel.locator('.story-member').evaluateAll((items) => items.map((item) => ({
      id: item.dataset.id,
      title: item.querySelector('.story-link').textContent,
      href: item.querySelector('.story-link').getAttribute('href'),
      copy: item.querySelector('.copy-badge')?.textContent ?? '',
    })));
    assert.deepEqual(members.map((member) => member.id), ['stories/glacier-copy', 'stories/glacier-report'],
      'the other two, oldest first');
    assert.equal(members[0].title, HOSTILE, 'the hostile title shows as text');
    assert.equal(members[0].copy, `Copy of ${ORIGINAL_TITLE}`);
    assert.equal(members[1].copy, '', 'a rewritten report is no copy');
    assert.equal(members[0].href, '/?q=mild+winter&doc=stories/glacier-copy');
    assert.equal(await panel.locator('img').count(), 0, 'no markup became an element');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await screenshot(page, 'story-open');

    await panel.locator('.story-link').nth(1).click();
    await page.waitForFunction(() => document.getElementById('article-title').textContent.length > 0);
    assert.equal(urlParams(page).get('doc'), 'stories/glacier-report');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('the copy, found on its own, says what it copies and links the original', async () => {
    const page = await open('?q=wire+desk&group=none', 'results');
    const copy = page.locator('#results .hit[data-id="stories/glacier-copy"]');
    assert.equal(await copy.locator('.hit-title').textContent(), HOSTILE);
    assert.equal(await copy.locator('.copy-note a').getAttribute('href'), '/?q=wire+desk&group=none&doc=stories/glacier-original');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await page.context().close();
  });

  test('an article shows its story and the article it copies', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/?q=glacier&doc=stories/glacier-copy`);
    await page.waitForFunction(() => document.getElementById('article-title').textContent === document.title.split(' · ')[0]);
    assert.equal(await page.textContent('#article-title'), HOSTILE);
    assert.equal(await visibleText(page, '#article-story .story-size'), '3 articles from 3 sources');
    await page.click('#article-story .copy-note a');
    await page.waitForFunction(() => document.getElementById('article-title').textContent === 'Rhone glacier loses record ice in a mild winter');
    assert.equal(urlParams(page).get('doc'), 'stories/glacier-original');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('the grouping toggle goes through the URL and changes the results', async () => {
    const page = await open('?q=glacier', 'results');
    await page.uncheck('#group-stories');
    await waitForSearch(page, '?q=glacier&group=none', 'results');
    assert.equal(urlParams(page).get('group'), 'none');
    assert.equal((await hits(page)).length, 4, 'every glacier article on its own');
    assert.match(await visibleText(page, '#summary'), /^4 results for “glacier”/);
    await page.goBack();
    await waitForSearch(page, '?q=glacier', 'results');
    assert.equal((await hits(page)).length, 2);
    assert.equal(await page.isChecked('#group-stories'), true);
    await page.context().close();
  });

  test('the timeline draws one labelled bar per bucket, and says how many are undated', async () => {
    const page = await open('?q=energy', 'results');
    const answer = await api('/api/search?q=energy&partial=true&group=story&timeline=auto');
    const shown = await bars(page);
    assert.equal(answer.timeline.interval, 'month');
    assert.equal(shown.length, answer.timeline.buckets.length, 'one bar per bucket');
    assert.ok(shown.length > 12, `the energy articles span years, got ${shown.length} bars`);
    assert.deepEqual(shown.map((bar) => [bar.start, bar.count]),
      answer.timeline.buckets.map((bucket) => [bucket.start, bucket.count]));
    for (const bar of shown) assert.match(bar.label, /^[A-Z][a-z]+ \d{4}: (no articles|1 article|\d+ articles)$/);
    assert.ok(shown.some((bar) => bar.label === 'March 2024: 1 article'), shown.map((bar) => bar.label).join('; '));
    assert.equal(shown.filter((bar) => bar.tabIndex === 0).length, 1, 'one tab stop for the whole chart');
    assert.match(await visibleText(page, '#timeline .timeline-note'), /^1 undated/);
    assert.match(await page.getAttribute('#timeline .timeline-bars', 'aria-label'), /^Articles by month, /);
    await screenshot(page, 'timeline');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a click on a bar narrows the search to its month, shown in the date fields, and can be cleared', async () => {
    const page = await open('?q=energy', 'results');
    const before = (await hits(page)).length;
    await page.click('#timeline .timeline-bar[data-start="2024-03-01"]');
    await waitForSearch(page, '?q=energy&from=2024-03-01&to=2024-03-31', 'results');
    const found = await hits(page);
    assert.ok(found.length >= 1 && found.length < before, `${found.length} of ${before}`);
    for (const hit of found) assert.ok(hit.date >= '2024-03-01' && hit.date < '2024-04', `${hit.id} on ${hit.date}`);
    assert.equal(await page.inputValue('#from'), '2024-03-01');
    assert.equal(await page.inputValue('#to'), '2024-03-31');
    await page.click('#clear-dates');
    await waitForSearch(page, '?q=energy', 'results');
    assert.equal(await page.inputValue('#from'), '');
    await page.context().close();
  });

  test('Enter on a focused bar sets its dates, the arrow keys move between bars', async () => {
    const page = await open('?q=energy', 'results');
    const shown = await bars(page);
    await page.focus('#timeline .timeline-bar[tabindex="0"]');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    const focused = await page.evaluate(() => document.activeElement.dataset.start);
    assert.equal(focused, shown[shown.length - 2].start);
    await page.keyboard.press('Enter');
    const { start, end } = shown[shown.length - 2];
    await waitForSearch(page, `?q=energy&from=${start}&to=${end}`);
    assert.equal(urlParams(page).get('from'), start);
    assert.equal(urlParams(page).get('to'), end);
    await page.context().close();
  });

  test('a drag across bars sets the range they cover', async () => {
    const page = await open('?q=energy', 'results');
    const from = page.locator('#timeline .timeline-bar[data-start="2022-01-01"]');
    const to = page.locator('#timeline .timeline-bar[data-start="2022-12-01"]');
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, a.y + a.height / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
    await page.mouse.up();
    await waitForSearch(page, '?q=energy&from=2022-01-01&to=2022-12-31', 'results');
    for (const hit of await hits(page)) assert.match(hit.date, /^2022-/, `${hit.id} on ${hit.date}`);
    await page.context().close();
  });
});
