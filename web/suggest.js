// Suggestions under the search box, following the ARIA combobox pattern: the box keeps the
// focus, the arrow keys move aria-activedescendant through the listbox, Enter takes the
// active suggestion, Escape closes the list.

import * as api from './api.js';
import { el } from './render.js';

const DELAY_MS = 120;

/** Wires suggestions to `input` and `list`; `onChoose(text)` runs when one is taken. */
export function attachSuggestions(input, list, onChoose) {
  let options = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  const close = () => {
    options = [];
    active = -1;
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const highlight = (index) => {
    active = index;
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const show = (suggestions) => {
    const typed = input.value.trim().toLowerCase();
    const useful = suggestions.filter((text) => text.toLowerCase() !== typed);
    if (useful.length === 0 || document.activeElement !== input) { close(); return; }
    options = useful.map((text, index) => {
      const option = el('li', 'suggestion', text);
      option.id = `suggestion-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.dataset.value = text;
      // mousedown, not click: taking the suggestion before the box loses the focus.
      option.addEventListener('mousedown', (event) => { event.preventDefault(); take(text); });
      return option;
    });
    active = -1;
    list.replaceChildren(...options);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const take = (text) => {
    close();
    input.value = text;
    onChoose(text);
  };

  const request = async () => {
    controller?.abort();
    const q = input.value;
    if (!q.trim()) { close(); return; }
    controller = new AbortController();
    try {
      const answer = await api.suggest(q, controller.signal);
      if (input.value === q) show(Array.isArray(answer.suggestions) ? answer.suggestions : []);
    } catch {
      close(); // suggestions are a help, not a must: the search itself reports errors
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(request, DELAY_MS);
  });
  input.addEventListener('blur', () => { clearTimeout(timer); controller?.abort(); close(); });

  return {
    /** Handles a key in the box; returns true when the key was for the suggestions. */
    handleKey(event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (list.hidden) return false;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const count = options.length;
        // Positions run -1 (the typed text) .. count-1, wrapping at both ends.
        let next = active + step;
        if (next >= count) next = -1;
        if (next < -1) next = count - 1;
        highlight(next);
        return true;
      }
      if (event.key === 'Enter' && !list.hidden && active >= 0) {
        take(options[active].dataset.value);
        return true;
      }
      if (event.key === 'Escape' && !list.hidden) {
        close();
        return true;
      }
      return false;
    },
    close() { clearTimeout(timer); controller?.abort(); close(); },
  };
}
