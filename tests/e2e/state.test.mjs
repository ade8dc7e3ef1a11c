// The page's pure state module (web/state.js), tested without a browser: the URL round
// trip, the API parameters, page changes and the pager's window.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  defaultState, hasFilters, noFilters, pageWindow, sameSearch, searchFromState, searchParams,
  stateFromSearch, toggled, withChanges, withFilter,
} from '../../web/state.js';

describe('web/state.js', () => {
  test('the default state has an empty URL, and an empty URL reads as the default state', () => {
    assert.equal(searchFromState(defaultState()), '');
    assert.deepEqual(stateFromSearch(''), defaultState());
  });

  test('a full state survives the round trip through the URL', () => {
    const state = {
      ...defaultState(), q: 'wind & solar “power”', page: 3, sort: 'oldest', source: ['world', 'science'],
      year: ['2022'], from: '2022-01-01', to: '2022-06-30', doc: 'world/energy summit',
    };
    const search = searchFromState(state);
    assert.deepEqual(stateFromSearch(search), state);
    assert.match(search, /^\?q=wind\+%26\+solar/);
    assert.match(search, /&doc=world\/energy\+summit$/, 'a slash stays a slash');
  });

  // Malformed values fall back to the defaults rather than breaking the page.
  for (const [search, field, expected] of [
    ['?page=0', 'page', 1],
    ['?page=-4', 'page', 1],
    ['?page=abc', 'page', 1],
    ['?sort=random', 'sort', 'relevance'],
    ['?source=a&source=a&source=', 'source', ['a']],
  ]) {
    test(`"${search}" reads ${field} as ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(stateFromSearch(search)[field], expected);
    });
  }

  test('per_page is passed to the server as given, so the server can name a bad value', () => {
    const state = stateFromSearch('?q=x&per_page=abc');
    assert.equal(searchParams(state).get('per_page'), 'abc');
  });

  test('the API parameters leave out the open article and the default sort, and search as you type', () => {
    const params = searchParams({ ...defaultState(), q: 'x', doc: 'a/b', source: ['s1', 's2'] });
    assert.equal(params.toString(), 'q=x&page=1&partial=true&source=s1&source=s2&group=story&timeline=auto');
    assert.ok(sameSearch({ ...defaultState(), q: 'x' }, { ...defaultState(), q: 'x', doc: 'a' }));
    assert.ok(!sameSearch({ ...defaultState(), q: 'x' }, { ...defaultState(), q: 'x', page: 2 }));
  });

  test('hits are grouped into stories unless the URL says group=none', () => {
    assert.equal(defaultState().group, 'story');
    assert.equal(searchFromState({ ...defaultState(), q: 'x' }), '?q=x', 'the default grouping stays out of the URL');
    const ungrouped = stateFromSearch('?q=x&group=none');
    assert.equal(ungrouped.group, 'none');
    assert.equal(searchFromState(ungrouped), '?q=x&group=none');
    assert.equal(searchParams(ungrouped).get('group'), 'none');
    assert.ok(!sameSearch(ungrouped, stateFromSearch('?q=x')), 'grouping changes the answer');
    assert.equal(stateFromSearch('?group=threads').group, 'story', 'an unknown grouping reads as the default');
    assert.equal(withChanges({ ...ungrouped, page: 3 }, { group: 'story' }).page, 1);
  });

  test('any change but the page goes back to page 1 and closes the article', () => {
    const state = { ...defaultState(), q: 'x', page: 4, doc: 'a' };
    assert.deepEqual(withChanges(state, { sort: 'newest' }), { ...state, sort: 'newest', page: 1, doc: '' });
    assert.equal(withChanges(state, { page: 5 }).page, 5);
    assert.equal(state.page, 4, 'the original is not changed');
  });

  test('filters toggle and are detected', () => {
    assert.deepEqual(toggled(['a', 'b'], 'a'), ['b']);
    assert.deepEqual(toggled(['b'], 'a'), ['b', 'a']);
    assert.ok(!hasFilters(defaultState()));
    assert.ok(hasFilters({ ...defaultState(), to: '2024-01-01' }));
  });

  test('the news filters go through the URL and to the server, repeated', () => {
    const state = {
      ...defaultState(), q: 'storm', author: ['Jane Doe'], tag: ['weather', 'floods & rain'],
      section: ['World'], language: ['fr'],
    };
    const search = searchFromState(state);
    assert.deepEqual(stateFromSearch(search), state);
    assert.equal(search, '?q=storm&author=Jane+Doe&tag=weather&tag=floods+%26+rain&section=World&language=fr');
    assert.equal(searchParams(state).toString(),
      'q=storm&page=1&partial=true&author=Jane+Doe&tag=weather&tag=floods+%26+rain&section=World&language=fr'
      + '&group=story&timeline=auto');
    assert.ok(hasFilters({ ...defaultState(), tag: ['x'] }));
    assert.ok(!hasFilters(withChanges(state, noFilters())));
  });

  test('author, tag, section and language toggle whatever the case, as the server matches them', () => {
    assert.deepEqual(toggled(['Jane Doe', 'Ann Lee'], 'jane doe', 'author'), ['Ann Lee']);
    assert.deepEqual(toggled(['World'], 'world', 'source'), ['World', 'world'], 'a source is matched exactly');
    const tagged = withFilter({ ...defaultState(), page: 3, doc: 'a' }, 'tag', 'Weather');
    assert.deepEqual(tagged.tag, ['Weather']);
    assert.equal(tagged.page, 1);
    assert.equal(tagged.doc, '');
    assert.deepEqual(withFilter(tagged, 'tag', 'weather').tag, ['Weather'], 'a tag chosen twice is one filter');
    assert.deepEqual(withFilter(tagged, 'tag', 'rail').tag, ['Weather', 'rail']);
  });

  // The pager shows the first and last pages and two either side of the current one.
  for (const [current, last, expected] of [
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, 3, null, 10]],
    [5, 10, [1, null, 3, 4, 5, 6, 7, null, 10]],
    [10, 10, [1, null, 8, 9, 10]],
    [4, 10, [1, 2, 3, 4, 5, 6, null, 10]],
  ]) {
    test(`page ${current} of ${last} shows ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(pageWindow(current, last), expected);
    });
  }
});
