/// @file Highlighting and snippets: pure functions over stored text.
#include "snippet.h"

#include <xapian/unicode.h>

#include <algorithm>

namespace article_search::search {
namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

/// The lower-cased word as the TermGenerator sees it (curly apostrophes made straight).
std::string normalise_word(std::string_view word) {
  std::string out;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    Xapian::Unicode::append_utf8(out, is_apostrophe(ch) ? '\'' : Xapian::Unicode::tolower(ch));
  }
  return out;
}

bool matches_word(const std::string& word, const MatchTerms& terms, const Xapian::Stem& stemmer,
                  std::string& stem) {
  stem = stemmer(word);
  if (terms.stems.count(stem) != 0) return true;
  for (const std::string& prefix : terms.prefixes) {
    if (word.compare(0, prefix.size(), prefix) == 0) {
      stem = prefix + '*';
      return true;
    }
  }
  return false;
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

std::vector<Match> find_matches(std::string_view text, const MatchTerms& terms,
                                const Xapian::Stem& stemmer) {
  std::vector<Match> matches;
  if (terms.empty()) return matches;
  const Xapian::Utf8Iterator end;
  Xapian::Utf8Iterator it(text.data(), text.size());
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    const char* word_begin = it.raw();
    const char* word_end = it.raw();
    while (it != end) {
      if (Xapian::Unicode::is_wordchar(*it)) {
        ++it;
        word_end = it.raw();
        continue;
      }
      // An apostrophe inside a word ("Kaspersky’s") belongs to it, as in the indexer.
      if (!is_apostrophe(*it)) break;
      Xapian::Utf8Iterator next = it;
      ++next;
      if (next == end || !Xapian::Unicode::is_wordchar(*next)) break;
      it = next;
    }
    const auto begin_offset = static_cast<std::size_t>(word_begin - text.data());
    const auto end_offset = static_cast<std::size_t>(word_end - text.data());
    std::string stem;
    if (matches_word(normalise_word(text.substr(begin_offset, end_offset - begin_offset)), terms,
                     stemmer, stem)) {
      matches.push_back({begin_offset, end_offset, std::move(stem)});
    }
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

namespace {

/// The index of the match starting the window of `max_bytes` with most distinct stems.
std::size_t best_window(const std::vector<Match>& matches, std::size_t max_bytes) {
  std::size_t best = 0, best_distinct = 0, best_count = 0;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    std::set<std::string_view> distinct;
    std::size_t count = 0;
    for (std::size_t j = i; j < matches.size() && matches[j].end <= matches[i].begin + max_bytes;
         ++j) {
      distinct.insert(matches[j].stem);
      ++count;
    }
    if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
      best = i;
      best_distinct = distinct.size();
      best_count = count;
    }
  }
  return best;
}

}  // namespace

Snippet make_snippet(std::string_view text, const std::vector<Match>& matches,
                     std::size_t max_bytes) {
  std::size_t start = 0;
  if (!matches.empty()) {
    const Match& first = matches[best_window(matches, max_bytes)];
    // Some words of context before the first match, starting at a word.
    start = first.begin > max_bytes / 4 ? first.begin - max_bytes / 4 : 0;
    while (start > 0 && start < first.begin && !is_space(text[start - 1])) ++start;
  }
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

  Snippet snippet;
  if (start > 0) snippet.text.append(ellipsis).append(" ");
  const std::size_t shift = snippet.text.size();
  for (char c : text.substr(start, stop - start)) snippet.text += is_space(c) ? ' ' : c;
  if (stop < text.size()) snippet.text.append(" ").append(ellipsis);
  for (const Match& match : matches) {
    if (match.begin >= start && match.end <= stop) {
      snippet.matches.push_back({match.begin - start + shift, match.end - start + shift, match.stem});
    }
  }
  snippet.html = mark_matches(snippet.text, snippet.matches);
  return snippet;
}

}  // namespace article_search::search
