// The timeline's date arithmetic and labels (web/timeline.js) and the story texts
// (web/story.js), tested without a browser.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readStory, storyText } from '../../web/story.js';
import {
  articleCount, axisLabel, bucketEnd, bucketLabel, bucketRange, parseDay, readTimeline,
} from '../../web/timeline.js';

describe('web/timeline.js', () => {
  for (const [start, interval, end] of [
    ['2024-07-16', 'day', '2024-07-16'],
    ['2024-07-15', 'week', '2024-07-21'],
    ['2024-12-30', 'week', '2025-01-05'],
    ['2024-02-01', 'month', '2024-02-29'],
    ['2023-02-01', 'month', '2023-02-28'],
    ['2024-12-01', 'month', '2024-12-31'],
    ['2021-01-01', 'year', '2021-12-31'],
    ['2024-13-01', 'month', ''],
    ['July', 'day', ''],
  ]) {
    test(`a ${interval} from ${start} ends on ${JSON.stringify(end)}`, () => {
      assert.equal(bucketEnd(start, interval), end);
    });
  }

  test('a range of buckets runs from the earlier start to the end of the later bucket, either way round', () => {
    assert.deepEqual(bucketRange('2024-07-01', '2024-09-01', 'month'), { from: '2024-07-01', to: '2024-09-30' });
    assert.deepEqual(bucketRange('2024-09-01', '2024-07-01', 'month'), { from: '2024-07-01', to: '2024-09-30' });
    assert.deepEqual(bucketRange('2022-01-01', '2022-01-01', 'year'), { from: '2022-01-01', to: '2022-12-31' });
  });

  test('buckets are named as a person reads them', () => {
    assert.equal(bucketLabel('2024-07-16', 'day'), '16 July 2024');
    assert.equal(bucketLabel('2024-07-15', 'week'), 'Week of 15 July 2024');
    assert.equal(bucketLabel('2024-07-01', 'month'), 'July 2024');
    assert.equal(bucketLabel('2024-01-01', 'year'), '2024');
    assert.equal(axisLabel('2024-07-01', 'month'), 'Jul 2024');
    assert.equal(articleCount(0), 'no articles');
    assert.equal(articleCount(1), '1 article');
    assert.equal(articleCount(1200), '1,200 articles');
  });

  test('only real days parse', () => {
    assert.ok(parseDay('2024-02-29'));
    assert.equal(parseDay('2023-02-29'), null);
    assert.equal(parseDay('20240229'), null);
    assert.equal(parseDay(undefined), null);
  });

  test('a missing or malformed timeline reads as none, bad buckets are dropped', () => {
    assert.equal(readTimeline(undefined), null);
    assert.equal(readTimeline({ interval: 'decade', buckets: [] }), null);
    const read = readTimeline({
      interval: 'month', undated: 2, exact: true,
      buckets: [{ start: '2024-07-01', count: 3 }, { start: 'soon', count: 1 }, { start: '2024-08-01', count: 'x' }],
    });
    assert.deepEqual(read, { interval: 'month', buckets: [{ start: '2024-07-01', count: 3 }], undated: 2, exact: true, requested: '' });
  });
});

describe('web/story.js', () => {
  test('a story reads only when it has an id and a size', () => {
    assert.equal(readStory(undefined), null);
    assert.equal(readStory({ id: '', size: 2 }), null);
    assert.equal(readStory({ id: 'abc', size: 0 }), null);
    assert.deepEqual(readStory({ id: 'abc', size: 3, sources: ['a', 7, 'b'] }), { id: 'abc', size: 3, sources: ['a', 'b'] });
  });

  test('a story says how many articles from how many sources', () => {
    assert.equal(storyText({ size: 5, sources: ['a', 'b', 'c', 'd', 'e'] }), '5 articles from 5 sources');
    assert.equal(storyText({ size: 3, sources: ['wire'] }), '3 articles from wire');
    assert.equal(storyText({ size: 2, sources: [] }), '2 articles');
  });
});
