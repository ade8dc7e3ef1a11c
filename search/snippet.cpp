/// @file Highlighting and snippets: pure functions over stored text.
#include "snippet.h"

#include "language.h"

#include <xapian/unicode.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

namespace article_search::search {
namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

/// The lower-cased word as the TermGenerator sees it (curly apostrophes made straight),
/// written into `out` (reused across words: no allocation per word).
void normalise_word(std::string_view word, std::string& out) {
  out.clear();
  const bool ascii = std::all_of(word.begin(), word.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    for (char c : word) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return;
  }
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    Xapian::Unicode::append_utf8(out, is_apostrophe(ch) ? '\'' : Xapian::Unicode::tolower(ch));
  }
}

/// The first byte of `word` (not empty) once its accents are folded.
unsigned char first_folded_byte(const std::string& word) {
  const auto first = static_cast<unsigned char>(word.front());
  if (first < 0x80) return first;
  const std::string folded = language::fold_accents(word.substr(0, 4));
  return static_cast<unsigned char>(folded.empty() ? first : folded.front());
}

bool matches_word(const std::string& word, const MatchTerms& terms, const Xapian::Stem& stemmer,
                  std::string& stem) {
  stem = stemmer(word);
  if (terms.stems.count(stem) != 0) return true;
  const std::string folded = language::fold_accents(word);
  for (const std::string& prefix : terms.prefixes) {
    if (word.compare(0, prefix.size(), prefix) == 0 || folded.compare(0, prefix.size(), prefix) == 0) {
      stem = prefix + '*';
      return true;
    }
  }
  return false;
}

bool is_ascii_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// The character at `pos` and its length in bytes (decoded as Xapian's iterator does).
std::pair<unsigned, std::size_t> char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return {0, 1};  // never: callers stay inside the text
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return {byte, 1};
  Xapian::Utf8Iterator it(text.data() + pos, text.size() - pos);
  const unsigned ch = *it;
  const std::size_t left = it.left();
  ++it;
  return {ch, left - it.left()};
}

/// Where the word starting at `begin` ends: word characters, and an apostrophe inside a
/// word ("Kaspersky’s") belongs to it, as in the indexer.
std::size_t word_end(std::string_view text, std::size_t begin) {
  std::size_t end = begin, pos = begin;
  while (pos < text.size()) {
    // ASCII letters and digits, the most of any text, without decoding.
    while (pos < text.size() && is_ascii_word_byte(text[pos])) end = ++pos;
    if (pos >= text.size()) break;
    const auto [ch, length] = char_at(text, pos);
    if (is_word_char(ch)) {
      pos += length;
      end = pos;
      continue;
    }
    if (!is_apostrophe(ch) || pos + length >= text.size()) break;
    if (!is_word_char(char_at(text, pos + length).first)) break;
    pos += length;
  }
  return end;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

MatchTerms terms_for_field(const Xapian::Query& query, std::string_view field_prefix,
                           const std::vector<std::string>& wildcard_prefixes) {
  MatchTerms terms;
  terms.prefixes = wildcard_prefixes;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    if (term.empty()) continue;
    if (!is_ascii_upper(term.front())) {
      terms.stems.insert(term);
    } else if (term.size() > field_prefix.size() &&
               term.compare(0, field_prefix.size(), field_prefix) == 0 &&
               !is_ascii_upper(term[field_prefix.size()])) {
      terms.stems.insert(term.substr(field_prefix.size()));
    }
  }
  return terms;
}

bool is_word_char(unsigned ch) {
  if (ch >= 0x80) return Xapian::Unicode::is_wordchar(ch);
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '_';
}

std::bitset<256> possible_first_bytes(const MatchTerms& terms) {
  std::bitset<256> first;
  for (const std::string& stem : terms.stems) {
    if (stem.empty()) return first.set();
    first.set(static_cast<unsigned char>(stem.front()));
  }
  for (const std::string& prefix : terms.prefixes) {
    if (prefix.empty()) return first.set();
    first.set(static_cast<unsigned char>(prefix.front()));
  }
  return first;
}

std::vector<Match> find_matches(std::string_view text, const MatchTerms& terms,
                                const Xapian::Stem& stemmer, std::size_t max_matches) {
  std::vector<Match> matches;
  if (terms.empty()) return matches;
  // Stemming every word of a long body was most of a search's time: the English stemmer
  // only rewrites the end of a word, so a word can only match a term with its first byte.
  const std::bitset<256> could_match = possible_first_bytes(terms);
  // What each distinct word stemmed to when it matched: common words recur in a body.
  std::unordered_map<std::string, std::optional<std::string>> seen;
  std::string word;
  std::size_t pos = 0;
  while (pos < text.size() && matches.size() < max_matches) {
    if (static_cast<unsigned char>(text[pos]) < 0x80 && !is_ascii_word_byte(text[pos])) {
      ++pos;
      continue;
    }
    const auto [ch, length] = char_at(text, pos);
    if (!is_word_char(ch)) {
      pos += length;
      continue;
    }
    const std::size_t begin = pos, end = word_end(text, begin);
    pos = end;
    const auto first = static_cast<unsigned char>(text[begin]);
    const bool may_elide = text.substr(begin, std::min<std::size_t>(end - begin, 8)).find_first_of("'\xe2") !=
                           std::string_view::npos;
    if (first < 0x80 && !may_elide &&
        !could_match[static_cast<unsigned char>(first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first)]) {
      continue;
    }
    normalise_word(text.substr(begin, end - begin), word);
    // Stems are folded (format/language.h): "École" can match "ecol"; and a French
    // "l'élection" is stemmed without its "l'".
    const bool elided = word.find('\'') < 8;
    if (!elided && !could_match[first_folded_byte(word)]) continue;
    const auto [known, inserted] = seen.try_emplace(word);
    if (inserted) {
      std::string stem;
      if (matches_word(word, terms, stemmer, stem)) known->second = std::move(stem);
    }
    if (known->second) matches.push_back({begin, end, *known->second});
  }
  return matches;
}

std::string mark_matches(std::string_view text, const std::vector<Match>& matches) {
  std::string html;
  std::size_t done = 0;
  for (const Match& match : matches) {
    if (match.begin < done || match.end > text.size()) continue;
    html += html_escape(text.substr(done, match.begin - done));
    html += "<mark>";
    html += html_escape(text.substr(match.begin, match.end - match.begin));
    html += "</mark>";
    done = match.end;
  }
  html += html_escape(text.substr(done));
  return html;
}

std::string_view scan_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

SnippetSpan snippet_span(std::string_view text, std::size_t anchor, std::size_t max_bytes) {
  anchor = std::min(anchor, text.size());
  // Some words of context before the anchor, starting at a word.
  const std::size_t context = max_bytes / 4;
  std::size_t start = anchor > context ? anchor - context : 0;
  while (start > 0 && start < anchor && !is_space(text[start - 1])) ++start;
  std::size_t stop = std::min(text.size(), start + max_bytes);
  if (stop < text.size()) {
    std::size_t cut = stop;
    while (cut > start && !is_space(text[cut])) --cut;
    if (cut > start) stop = cut;
    // Never cut inside a UTF-8 sequence, even in text without spaces.
    while (stop > start && stop < text.size() &&
           (static_cast<unsigned char>(text[stop]) & 0xC0) == 0x80) {
      --stop;
    }
  }
  while (start < stop && is_space(text[start])) ++start;
  while (stop > start && is_space(text[stop - 1])) --stop;
  return {start, stop};
}

namespace {

/// The span shown, and the matches [first, last) inside it.
struct Window {
  SnippetSpan span;
  std::size_t first = 0, last = 0;
};

/// The shown window, among those anchored at each match from byte `from` on (spans of
/// the text from there), with most distinct stems, then most matches, the earliest on
/// ties. A window counts the matches wholly inside the span snippet_span shows for it,
/// context before the anchor included. One pass with a sliding window (linear in the
/// matches: a huge body may have many): a later anchor never moves the span's start or
/// stop back, so both ends of the range of matches only move forward. An empty window
/// when no match begins at or after `from`.
Window best_window(std::string_view text, const std::vector<Match>& matches,
                   std::size_t max_bytes, std::size_t from = 0) {
  const std::string_view tail = text.substr(std::min(from, text.size()));
  const auto first = static_cast<std::size_t>(
      std::find_if(matches.begin(), matches.end(), [&](const Match& m) { return m.begin >= from; }) -
      matches.begin());
  Window best;
  std::size_t best_distinct = 0, best_count = 0;
  std::unordered_map<std::string_view, std::size_t> in_window;  // stem -> count
  std::size_t lo = first, hi = first;  // the matches in the span are [lo, hi)
  for (std::size_t i = first; i < matches.size(); ++i) {
    SnippetSpan span = snippet_span(tail, matches[i].begin - from, max_bytes);
    span = {span.start + from, span.stop + from};
    for (; lo < matches.size() && matches[lo].begin < span.start; ++lo) {
      if (lo >= hi) continue;  // never counted
      const auto it = in_window.find(matches[lo].stem);
      if (--it->second == 0) in_window.erase(it);
    }
    hi = std::max(hi, lo);
    for (; hi < matches.size() && matches[hi].end <= span.stop; ++hi) ++in_window[matches[hi].stem];
    const std::size_t count = hi - lo;
    if (in_window.size() > best_distinct ||
        (in_window.size() == best_distinct && count > best_count) || i == first) {
      best = {span, lo, hi};
      best_distinct = in_window.size();
      best_count = count;
    }
  }
  return best;
}

/// The window make_snippet shows (see there).
Window chosen_window(std::string_view text, const std::vector<Match>& matches,
                     std::size_t max_bytes, std::size_t prefer_from) {
  if (matches.empty()) return {snippet_span(text, 0, max_bytes), 0, 0};
  if (prefer_from > 0) {
    const Window later = best_window(text, matches, max_bytes, prefer_from);
    if (later.last > later.first) return later;
  }
  return best_window(text, matches, max_bytes);
}

}  // namespace

std::size_t derived_title_end(std::string_view body, std::string_view title) {
  if (title.size() >= ellipsis.size() && title.substr(title.size() - ellipsis.size()) == ellipsis) {
    title.remove_suffix(ellipsis.size());
  }
  std::size_t start = 0;
  while (start < body.size() && is_space(body[start])) ++start;
  if (title.empty() || body.substr(start, title.size()) != title) return 0;
  // Past the full stop the title leaves out, and the spaces after the sentence.
  std::size_t end = start + title.size();
  if (end < body.size() && body[end] == '.') ++end;
  while (end < body.size() && is_space(body[end])) ++end;
  return end;
}

Snippet make_snippet(std::string_view text, const std::vector<Match>& matches,
                     std::size_t max_bytes, std::size_t prefer_from) {
  const Window window = chosen_window(text, matches, max_bytes, prefer_from);
  const auto [start, stop] = window.span;

  // An ellipsis where words are left out (not where only spaces are).
  constexpr std::string_view spaces = " \n\r\t";
  Snippet snippet;
  snippet.text.reserve(stop - start + 2 * (ellipsis.size() + 1));
  if (start > 0 && text.find_last_not_of(spaces, start - 1) != std::string_view::npos) {
    snippet.text.append(ellipsis).append(" ");
  }
  const std::size_t shift = snippet.text.size();
  for (char c : text.substr(start, stop - start)) snippet.text += is_space(c) ? ' ' : c;
  if (text.find_first_not_of(spaces, stop) != std::string_view::npos) {
    snippet.text.append(" ").append(ellipsis);
  }
  for (std::size_t i = window.first; i < window.last; ++i) {
    const Match& match = matches[i];
    snippet.matches.push_back({match.begin - start + shift, match.end - start + shift, match.stem});
  }
  snippet.html = mark_matches(snippet.text, snippet.matches);
  return snippet;
}

}  // namespace article_search::search
