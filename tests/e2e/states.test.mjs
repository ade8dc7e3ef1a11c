// The states around searching (nothing found, a rejected parameter, the server down) and
// the ways a person reaches the page: by keyboard alone, on a phone, in dark mode.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage, screenshot, setUp, startServer } from './support/harness.mjs';
import { hits, typeQuery, visibleText, waitForSearch } from './support/page.mjs';

/** The luminance (0 dark .. 255 light) of an element's background. */
function backgroundLevel(page, selector) {
  return page.$eval(selector, (element) => {
    const [r, g, b] = getComputedStyle(element).backgroundColor.match(/\d+/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

describe('states and access', () => {
  let env;
  before(async () => { env = await setUp(); });
  after(async () => { await env?.tearDown(); });

  const open = async (search = '', options = {}) => {
    const page = await newPage(env.browser, options);
    await page.goto(`${env.server.url}/${search}`);
    await waitForSearch(page, search);
    return page;
  };

  test('no results shows a clear empty state with a hint', async () => {
    const page = await open();
    await typeQuery(page, 'zyxwvutsrq');
    await waitForSearch(page, '?q=zyxwvutsrq', 'empty');
    assert.match(await visibleText(page, '#message'), /No articles match “zyxwvutsrq”\..*spelling/);
    assert.match(await visibleText(page, '#summary'), /^No results for “zyxwvutsrq”/);
    assert.match(await page.textContent('#live'), /^No results/);
    assert.equal((await hits(page)).length, 0);
    await screenshot(page, 'empty');
    await page.context().close();
  });

  test('filters that leave nothing offer to clear them', async () => {
    const page = await open('?q=energy&from=2030-01-01');
    assert.equal(await page.$eval('#results-region', (region) => region.dataset.status), 'empty');
    assert.match(await visibleText(page, '#message'), /removing a filter/);
    await page.click('#message button');
    await waitForSearch(page, '?q=energy', 'results');
    assert.equal(await page.inputValue('#from'), '');
    await page.context().close();
  });

  test('a parameter the server rejects shows its message, not a blank page', async () => {
    const page = await open('?q=energy&per_page=1000');
    assert.equal(await page.$eval('#results-region', (region) => region.dataset.status), 'error');
    const message = await visibleText(page, '#message[role="alert"]');
    assert.match(message, /could not be run/);
    assert.match(message, /per_page/, 'the server names the parameter');
    assert.ok(await page.isVisible('#message button'), 'a way to try again');
    await screenshot(page, 'error-bad-parameter');
    await page.context().close();
  });

  test('the server going down shows an error with a retry that works once it is back', async () => {
    const own = await startServer(env.db);
    const page = await newPage(env.browser);
    try {
      await page.goto(`${own.url}/`);
      await waitForSearch(page, '');
      await own.stop();
      await typeQuery(page, 'kaspersky');
      await waitForSearch(page, '?q=kaspersky', 'error');
      assert.match(await visibleText(page, '#message[role="alert"]'), /Cannot reach the search server/);
      assert.match(await page.textContent('#live'), /unavailable/);
      await screenshot(page, 'error-server-down');
      const again = await startServer(env.db, own.port);
      try {
        await page.click('#message button');
        await waitForSearch(page, '?q=kaspersky', 'results');
        assert.ok((await hits(page)).length > 0);
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
      await page.context().close();
    }
  });

  test('keyboard alone: slash focuses the box, suggestions, results, article and back', async () => {
    const page = await open();
    await page.locator('body').press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    await page.keyboard.type('kasp', { delay: 30 });
    await page.waitForSelector('#suggestions:not([hidden]) [role="option"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const chosen = await page.inputValue('#q');
    assert.ok(chosen.startsWith('kasp') && chosen !== 'kasp', `a suggestion was taken: ${chosen}`);
    await waitForSearch(page, `?q=${encodeURIComponent(chosen)}`, 'results');
    let onHit = false;
    for (let presses = 0; presses < 40 && !onHit; presses += 1) {
      await page.keyboard.press('Tab');
      onHit = await page.evaluate(() => Boolean(document.activeElement.closest('.hit-title')));
    }
    assert.ok(onHit, 'Tab reaches the first result');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#article:not([hidden]):not([aria-busy])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'article-title');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'back-to-results');
    await page.keyboard.press('Enter');
    await waitForSearch(page, `?q=${encodeURIComponent(chosen)}`, 'results');
    assert.ok(await page.isVisible('#results .hit'));
    await page.context().close();
  });

  test('labels and landmarks are there for screen readers', async () => {
    const page = await open('?q=energy');
    const unlabelled = await page.$$eval('input, select', (controls) => controls
      .filter((control) => !control.labels?.length && !control.getAttribute('aria-label'))
      .map((control) => control.outerHTML));
    assert.deepEqual(unlabelled, []);
    assert.equal(await page.getAttribute('#q', 'role'), 'combobox');
    assert.equal(await page.getAttribute('#live', 'aria-live'), 'polite');
    assert.ok(await page.$('main') && await page.$('[role="search"]') && await page.$('nav#pager'));
    await page.context().close();
  });

  test('on a phone-sized screen nothing overflows and the filters fold away', async () => {
    const page = await open('?q=energy', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    assert.equal(await page.$eval('#filters-panel', (panel) => panel.open), false);
    assert.ok(await page.isVisible('#q') && await page.isVisible('#results .hit'));
    await screenshot(page, 'phone');
    await page.tap('#filters-panel summary');
    await page.check('[data-facet="source"] input[value="world"]');
    await waitForSearch(page, '?q=energy&source=world', 'results');
    assert.ok((await hits(page)).every((hit) => hit.source === 'world'));
    await screenshot(page, 'phone-filters');
    await page.context().close();
  });

  test('dark mode follows prefers-color-scheme', async () => {
    const light = await open('?q=energy', { colorScheme: 'light' });
    const dark = await open('?q=energy', { colorScheme: 'dark' });
    assert.ok(await backgroundLevel(light, 'body') > 200, 'light background in light mode');
    assert.ok(await backgroundLevel(dark, 'body') < 60, 'dark background in dark mode');
    assert.ok(await backgroundLevel(dark, '.hit') < 60, 'dark cards in dark mode');
    await screenshot(light, 'light');
    await screenshot(dark, 'dark');
    await dark.goto(`${env.server.url}/?q=zz&per_page=0`);
    await waitForSearch(dark, '?q=zz&per_page=0', 'error');
    await screenshot(dark, 'dark-error');
    await light.context().close();
    await dark.context().close();
  });
});
