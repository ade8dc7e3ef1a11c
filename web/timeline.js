// The timeline above the results: the answer's date buckets as a bar chart (plain buttons,
// no chart library). A click or Enter/Space on a bar narrows the search to the bucket's
// dates, a drag across bars to the dates they cover. The date arithmetic is pure and
// runs outside a browser too; only the chart functions touch the DOM.

export const INTERVALS = ['day', 'week', 'month', 'year'];

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-07-16" as a UTC Date, null when it is not a real day. */
export function parseDay(text) {
  const match = ISO_DAY.exec(String(text ?? ''));
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? date : null;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** The last day of the bucket of `interval` starting on day `start` ("2024-07-01" by month
 *  ends "2024-07-31"; weeks run Monday to Sunday). "" when `start` is not a day. */
export function bucketEnd(start, interval) {
  const day = parseDay(start);
  if (!day) return '';
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  switch (interval) {
    case 'week': return isoDay(new Date(Date.UTC(year, month, day.getUTCDate() + 6)));
    case 'month': return isoDay(new Date(Date.UTC(year, month + 1, 0)));
    case 'year': return isoDay(new Date(Date.UTC(year, 11, 31)));
    default: return start;
  }
}

/** The from/to dates (inclusive) covering the buckets starting on `first` and `last`, in
 *  either order. */
export function bucketRange(first, last, interval) {
  const [early, late] = first <= last ? [first, last] : [last, first];
  return { from: early, to: bucketEnd(late, interval) };
}

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const fullDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A bucket as a person names it: "16 July 2024", "Week of 15 July 2024", "July 2024", "2024". */
export function bucketLabel(start, interval) {
  const day = parseDay(start);
  if (!day) return String(start ?? '');
  switch (interval) {
    case 'week': return `Week of ${fullDay.format(day)}`;
    case 'month': return monthYear.format(day);
    case 'year': return String(day.getUTCFullYear());
    default: return fullDay.format(day);
  }
}

/** The short label under the chart's first and last bars: "Jul 2024", "16 Jul", "2024". */
export function axisLabel(start, interval) {
  const day = parseDay(start);
  if (!day) return '';
  if (interval === 'year') return String(day.getUTCFullYear());
  if (interval === 'month') return shortMonth.format(day);
  return `${shortDay.format(day)} ${day.getUTCFullYear()}`;
}

const countFormat = new Intl.NumberFormat('en');

/** "no articles", "1 article", "1,200 articles". */
export function articleCount(count) {
  const value = Number(count) || 0;
  if (value === 0) return 'no articles';
  return `${countFormat.format(value)} ${value === 1 ? 'article' : 'articles'}`;
}

/** The answer's timeline when it is one the chart can draw: a known interval and buckets
 *  with real start days and counts. Null otherwise (a server without timelines sends none). */
export function readTimeline(timeline) {
  if (!timeline || typeof timeline !== 'object' || !INTERVALS.includes(timeline.interval)) return null;
  const buckets = Array.isArray(timeline.buckets) ? timeline.buckets : [];
  const clean = buckets.filter((bucket) => parseDay(bucket?.start) && Number.isFinite(Number(bucket.count)))
    .map((bucket) => ({ start: bucket.start, count: Number(bucket.count) }));
  return {
    interval: timeline.interval,
    buckets: clean,
    undated: Number(timeline.undated) || 0,
    exact: timeline.exact !== false,
    requested: typeof timeline.requested === 'string' ? timeline.requested : '',
  };
}

// ---- the chart ----------------------------------------------------------------------------

/** Draws `timeline` (the answer's member, or undefined) into `section`, which holds
 *  .timeline-heading, .timeline-bars, .timeline-axis and .timeline-note; hides the
 *  section when there is nothing to show. `onRange(from, to)` sets the date filter. */
export function renderTimeline(section, timeline, { onRange }) {
  const read = readTimeline(timeline);
  const bars = section.querySelector('.timeline-bars');
  const heading = section.querySelector('.timeline-heading');
  const axis = section.querySelector('.timeline-axis');
  const note = section.querySelector('.timeline-note');
  section.hidden = !read || (read.buckets.length === 0 && read.undated === 0);
  if (section.hidden) {
    bars.replaceChildren();
    return;
  }
  const { interval, buckets } = read;
  heading.textContent = `Articles by ${interval}`;
  bars.setAttribute('aria-label', chartSummary(read));
  bars.replaceChildren(...barButtons(read));
  bars.hidden = buckets.length === 0;
  axis.replaceChildren();
  if (buckets.length) {
    axis.append(axisText(buckets[0].start, interval));
    if (buckets.length > 1) axis.append(axisText(buckets[buckets.length - 1].start, interval));
  }
  note.textContent = noteText(read);
  note.hidden = note.textContent === '';
  attachInteraction(bars, interval, onRange);
}

/** What the chart says as a whole, for a screen reader landing on it. */
function chartSummary({ interval, buckets }) {
  if (buckets.length === 0) return 'No dated articles';
  const first = bucketLabel(buckets[0].start, interval);
  const last = bucketLabel(buckets[buckets.length - 1].start, interval);
  const span = buckets.length === 1 ? first : `${first} to ${last}`;
  return `Articles by ${interval}, ${span}. Choose a bar to show only its dates.`;
}

function noteText({ undated, exact, requested, interval }) {
  const parts = [];
  if (undated > 0) parts.push(`${countFormat.format(undated)} undated`);
  if (!exact) parts.push('counts are estimates');
  if (requested && requested !== interval) parts.push(`shown by ${interval}: by ${requested} would need too many bars`);
  return parts.join(' · ');
}

function axisText(start, interval) {
  const span = document.createElement('span');
  span.textContent = axisLabel(start, interval);
  return span;
}

/** One button per bucket, its bar's height its share of the largest count. One of them is
 *  in the tab order (a roving tabindex): the arrow keys move between them. */
function barButtons({ interval, buckets }) {
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  return buckets.map((bucket, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'timeline-bar';
    button.dataset.start = bucket.start;
    button.dataset.end = bucketEnd(bucket.start, interval);
    button.dataset.count = String(bucket.count);
    button.tabIndex = index === 0 ? 0 : -1;
    const label = `${bucketLabel(bucket.start, interval)}: ${articleCount(bucket.count)}`;
    button.setAttribute('aria-label', label);
    button.title = label;
    const fill = document.createElement('span');
    fill.className = 'timeline-fill';
    // Set through the CSSOM: the page's CSP allows no style attributes.
    fill.style.height = bucket.count > 0 ? `max(2px, ${(100 * bucket.count) / most}%)` : '0';
    button.append(fill);
    return button;
  });
}

/** Clicks, keys and drags on the bars. Listeners go on the bars' container once; each
 *  render replaces the buttons and the handlers read the current ones. */
function attachInteraction(bars, interval, onRange) {
  bars.timeline = { interval, onRange };
  if (bars.dataset.wired) return;
  bars.dataset.wired = 'true';
  let anchor = null;      // the bar a drag started on
  let dragged = false;    // the pointer left the anchor: the click that follows is no click

  const barAt = (event) => document.elementFromPoint(event.clientX, event.clientY)?.closest?.('.timeline-bar');
  const mark = (from, to) => {
    const [low, high] = from.dataset.start <= to.dataset.start ? [from, to] : [to, from];
    for (const bar of bars.querySelectorAll('.timeline-bar')) {
      bar.classList.toggle('in-range', bar.dataset.start >= low.dataset.start && bar.dataset.start <= high.dataset.start);
    }
  };
  const unmark = () => bars.querySelectorAll('.in-range').forEach((bar) => bar.classList.remove('in-range'));

  bars.addEventListener('pointerdown', (event) => {
    const bar = event.target.closest('.timeline-bar');
    if (!bar || event.button !== 0) return;
    anchor = bar;
    dragged = false;
    // A touch captures the pointer to the bar it began on; a drag must reach the others.
    if (bar.hasPointerCapture?.(event.pointerId)) bar.releasePointerCapture(event.pointerId);
  });
  document.addEventListener('pointermove', (event) => {
    if (!anchor) return;
    const bar = barAt(event);
    if (!bar || !bars.contains(bar)) return;
    if (bar !== anchor) dragged = true;
    if (dragged) mark(anchor, bar);
  });
  document.addEventListener('pointerup', (event) => {
    if (!anchor) return;
    const start = anchor;
    anchor = null;
    const bar = barAt(event);
    unmark();
    if (!dragged) return;
    // The click this release may cause is part of the drag; a later one (Enter) is not.
    setTimeout(() => { dragged = false; });
    if (!bar || !bars.contains(bar)) return;
    const { from, to } = bucketRange(start.dataset.start, bar.dataset.start, bars.timeline.interval);
    bars.timeline.onRange(from, to);
  });
  bars.addEventListener('click', (event) => {
    const bar = event.target.closest('.timeline-bar');
    if (!bar || dragged) return;
    bars.timeline.onRange(bar.dataset.start, bar.dataset.end);
  });
  bars.addEventListener('keydown', (event) => moveFocus(bars, event));
}

const MOVES = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: 1, ArrowDown: -1 };

function moveFocus(bars, event) {
  const all = [...bars.querySelectorAll('.timeline-bar')];
  const current = all.indexOf(event.target.closest('.timeline-bar'));
  if (current < 0) return;
  let next = current;
  if (event.key in MOVES) next = Math.min(all.length - 1, Math.max(0, current + MOVES[event.key]));
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = all.length - 1;
  else return;
  event.preventDefault();
  all[current].tabIndex = -1;
  all[next].tabIndex = 0;
  all[next].focus();
}
