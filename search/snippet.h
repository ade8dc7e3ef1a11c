/// @file Highlighting and snippets: pure functions over stored text.
///
/// A word of the text matches when its stem is one of the query's terms for that field
/// (so `ban` marks "banned"), or when it starts with the word of a `word*` wildcard.
/// Offsets are byte offsets [begin, end) into the UTF-8 text.
#pragma once

#include <xapian.h>

#include <bitset>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// The HTML-escaped text (& < > " '). Pure.
std::string html_escape(std::string_view text);

/// What to look for in one field's text.
struct MatchTerms {
  std::set<std::string> stems;            ///< stemmed terms, without prefix
  std::vector<std::string> prefixes;      ///< lower-cased wildcard words
  bool empty() const { return stems.empty() && prefixes.empty(); }
};

/// The terms of `query` that match in a field: unprefixed terms, and terms with
/// `field_prefix` (e.g. schema::prefix::title) with the prefix removed.
MatchTerms terms_for_field(const Xapian::Query& query, std::string_view field_prefix,
                           const std::vector<std::string>& wildcard_prefixes);

struct Match {
  std::size_t begin = 0, end = 0;  ///< byte offsets into the text
  std::string stem;                ///< what matched, to count distinct terms
};

/// Whether the character is part of a word, as Xapian::Unicode::is_wordchar (letters,
/// marks, numbers, connector punctuation), without a table lookup for ASCII. Pure.
bool is_word_char(unsigned ch);

/// The first bytes a lower-cased word must start with to match `terms` (every byte when a
/// term is empty). Pure.
std::bitset<256> possible_first_bytes(const MatchTerms& terms);

/// Every matching word of `text`, in order, the first `max_matches` of them. Only words
/// that could match are stemmed: the stemmer of schema::stem_language keeps a word's
/// first byte.
std::vector<Match> find_matches(std::string_view text, const MatchTerms& terms,
                                const Xapian::Stem& stemmer,
                                std::size_t max_matches = static_cast<std::size_t>(-1));

/// The first `max_bytes` of `text` at most, never cut inside a UTF-8 sequence. Pure.
std::string_view scan_prefix(std::string_view text, std::size_t max_bytes);

/// `text` HTML-escaped, with each match wrapped in <mark>…</mark>.
std::string mark_matches(std::string_view text, const std::vector<Match>& matches);

/// The most bytes of body text a hit's snippet shows.
inline constexpr std::size_t snippet_bytes = 240;

struct Snippet {
  std::string text;               ///< plain text, "… " / " …" where cut
  std::string html;               ///< escaped, matches marked
  std::vector<Match> matches;     ///< offsets into `text`
};

/// Bytes [start, stop) of a text.
struct SnippetSpan {
  std::size_t start = 0, stop = 0;
};

/// The bytes of `text` a snippet anchored at byte `anchor` shows: up to `max_bytes` / 4
/// bytes of context before the anchor, starting after a space (or at the anchor, or at the
/// start of the text); then at most `max_bytes` from there, cut back to a space when the
/// text goes on (or, in text without spaces, to a UTF-8 character boundary); without
/// spaces at either end. A later anchor never gives an earlier start or stop. Pure.
SnippetSpan snippet_span(std::string_view text, std::size_t anchor, std::size_t max_bytes);

/// At most `max_bytes` of `text`, plus "… " / " …" where words are left out. The window
/// scored is exactly the window shown: for each match, the span snippet_span shows when
/// anchored at it, counting the matches wholly inside that span (the context before the
/// anchor included). The snippet shows the span with
///   1. the most distinct stems, then
///   2. the most matches, then
///   3. the earliest anchor;
/// the start of the text (anchor 0) when nothing matches. Spaces are shown as ' ' (one
/// byte for one), so match offsets are byte offsets into Snippet::text.
/// With `prefer_from` > 0, the spans are first chosen among those starting at or after
/// that byte (anchored at the matches there, context only from there on); only when none
/// holds a match is the choice over the whole text.
Snippet make_snippet(std::string_view text, const std::vector<Match>& matches,
                     std::size_t max_bytes = snippet_bytes, std::size_t prefer_from = 0);

/// Where the text of a title derived from the body's opening sentence ends in `body`: the
/// title, without the ellipsis of a cut one, found at the body's start (after white
/// space), then the full stop it left out and the spaces that follow; 0 when the body
/// does not start with it. Pure.
std::size_t derived_title_end(std::string_view body, std::string_view title);

}  // namespace article_search::search
