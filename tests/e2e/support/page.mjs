// What a test reads off the search page, and how it waits for it (always with a deadline).

const WAIT_MS = 8000;

/** Waits until the results region shows the search whose URL query string is `search`
 *  ("" for the default) and has finished with `status` (results, empty or error; any when
 *  not given). Returns the status. */
export async function waitForSearch(page, search, status = '') {
  await page.waitForFunction(([expected, wanted]) => {
    const region = document.getElementById('results-region');
    const done = region.dataset.status && region.dataset.status !== 'loading';
    return done && region.dataset.search === expected && (!wanted || region.dataset.status === wanted);
  }, [search, status], { timeout: WAIT_MS });
  return page.$eval('#results-region', (region) => region.dataset.status);
}

/** The hits on screen: id, title and snippet text, the number of <mark>s, date, source. */
export function hits(page) {
  return page.$$eval('#results .hit', (items) => items.map((item) => ({
    id: item.dataset.id,
    title: item.querySelector('.hit-title').textContent,
    snippet: item.querySelector('.hit-snippet').textContent,
    marks: [...item.querySelectorAll('mark')].map((mark) => mark.textContent),
    date: item.querySelector('time')?.dateTime ?? '',
    source: item.querySelector('.hit-source').textContent,
  })));
}

/** The text of an element, "" when it is hidden or absent. */
export function visibleText(page, selector) {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel);
    if (!element || element.closest('[hidden]')) return '';
    return element.textContent.trim();
  }, selector);
}

/** The facet values shown for `name`: [{value, count, checked}]. */
export function facet(page, name) {
  return page.$$eval(`[data-facet="${name}"] .facet-item`, (items) => items.map((item) => ({
    value: item.querySelector('input').value,
    count: Number(item.querySelector('.facet-count').textContent.replace(/,/g, '')),
    checked: item.querySelector('input').checked,
  })));
}

/** The page's URL query string, as URLSearchParams. */
export function urlParams(page) {
  return new URL(page.url()).searchParams;
}

/** Types `text` into the search box as a person would: key by key. */
export async function typeQuery(page, text) {
  const box = page.locator('#q');
  await box.click();
  await box.fill('');
  await box.pressSequentially(text, { delay: 30 });
}
