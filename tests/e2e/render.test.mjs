// The page's pure text helpers (web/render.js), tested without a browser.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countText, formatDate } from '../../web/render.js';

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
});
