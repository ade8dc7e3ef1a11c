// The page's pure text helpers (web/render.js), tested without a browser.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countText, formatDate, pageLanguage, safeHttpUrl } from '../../web/render.js';

describe('web/render.js', () => {
  for (const [total, expected] of [
    [{ value: 0, relation: 'eq' }, 'No results'],
    [{ value: 1, relation: 'eq' }, '1 result'],
    [{ value: 12, relation: 'eq' }, '12 results'],
    [{ value: 1200, relation: 'estimate', lower: 900, upper: 1500 }, 'about 1,200 results'],
    [undefined, 'No results'],
  ]) {
    test(`${JSON.stringify(total)} reads "${expected}"`, () => {
      assert.equal(countText(total), expected);
    });
  }

  for (const [iso, expected] of [
    ['2024-07-16', '16 Jul 2024'],
    ['2024-07-16T21:08:57', '16 Jul 2024'], // the day as stated, whatever the time zone
    ['2024-12-31T23:59:59', '31 Dec 2024'],
    ['', ''],
    [null, ''],
    ['last week', ''],
  ]) {
    test(`the date ${JSON.stringify(iso)} shows as "${expected}"`, () => {
      assert.equal(formatDate(iso), expected);
    });
  }

  // Only absolute http(s) URLs from an article become links; anything else is no link at all.
  for (const [url, expected] of [
    ['https://news.example/world/storm?id=1#top', 'https://news.example/world/storm?id=1#top'],
    ['http://news.example', 'http://news.example/'],
    ['HTTPS://News.Example/a b', 'https://news.example/a%20b'],
    ['javascript:alert(1)', null],
    ['JavaScript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['ftp://news.example/file', null],
    ['//news.example/no-scheme', null],
    ['/relative/path', null],
    ['not a url', null],
    ['', null],
    [null, null],
    [42, null],
  ]) {
    test(`the URL ${JSON.stringify(url)} is linked as ${JSON.stringify(expected)}`, () => {
      assert.equal(safeHttpUrl(url), expected);
    });
  }

  test('a language is named only when it is not the page\'s (English)', () => {
    assert.equal(pageLanguage('en'), true);
    assert.equal(pageLanguage('EN-gb'), true);
    assert.equal(pageLanguage(null), true);
    assert.equal(pageLanguage('fr'), false);
    assert.equal(pageLanguage('pt-BR'), false);
  });
});
