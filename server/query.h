/// @file The query language: configuring Xapian's QueryParser on the schema, parsing a
/// user's query with an Omega-style fallback, and reporting what was searched.
///
/// Grammar (Xapian's QueryParser, FLAG_DEFAULT | FLAG_WILDCARD | FLAG_PURE_NOT):
///
///     query   := clause (op clause)*         plain words: see RankingConfig::default_operator
///     op      := AND | OR | NOT | XOR | NEAR | ADJ      (upper case; NEAR/3 sets the window)
///     clause  := ["+" | "-"] [field ":"] term | "(" query ")" | range
///     field   := title | body                  free text restricted to one field
///              | source | year                 boolean filters: source:corpus year:2024
///     term    := word | word"*" | '"' word+ '"'  wildcard (expansion capped), phrase
///     range   := "date:" DATE ".." DATE        DATE = YYYY-MM-DD or YYYYMMDD; either end
///                                              may be left out
///
/// Words are stemmed (English, schema::query_stemming) as the indexer stems them, so `ban`
/// also finds "banned". When the parser rejects a query (`AND storm`, `NOT storm`, `1..5`)
/// it is retried with operators and punctuation removed, as Omega does, and the answer
/// says so (`relaxed`).
#pragma once

#include "ranking.h"

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// Longest accepted `q`, in bytes.
inline constexpr std::size_t max_query_bytes = 1024;

/// A QueryParser set up for the schema and `config`, bound to `db` (for wildcards and
/// spelling). The parser owns its stopper and range processor (Xapian's opt-in
/// reference counting), so it can be copied and moved freely.
Xapian::QueryParser make_parser(const Xapian::Database& db, const RankingConfig& config);

/// The outcome of parsing a user's query.
struct ParsedQuery {
  Xapian::Query query;          ///< MatchAll for a blank q
  std::string searched;         ///< the text actually parsed
  bool relaxed = false;         ///< true when the parser rejected q and the fallback was used
  bool match_all = false;       ///< q was blank: list everything
  std::vector<std::string> wildcard_prefixes;  ///< lower-cased `word` of each `word*`
};

/// How much of the query the user has finished typing.
enum class Typing {
  complete,  ///< every word is whole
  partial,   ///< search-as-you-type: the last word, unless followed by a space, may be
             ///< the start of a longer word (Xapian's FLAG_PARTIAL: it also matches the
             ///< most frequent words it begins, up to the wildcard expansion limit)
};

/// Parses `text` (at most max_query_bytes) with `parser`, combining plain words as
/// `config` says. Throws Xapian::QueryParserError only when even the relaxed form fails.
ParsedQuery parse_user_query(Xapian::QueryParser& parser, std::string_view text,
                             const RankingConfig& config, Typing typing = Typing::complete);

/// `text` lower-cased (ASCII) when it has no lower-case letters and at least one word that
/// is not an operator, else `text` unchanged: an all-capitals query is words, not
/// operators. Pure.
std::string lower_if_all_caps(std::string_view text);

/// `text` with each hyphen between two word characters made a space (`IL-6` -> `IL 6`),
/// so the words are searched as words, not as a phrase, as Lucene's analyzer splits them.
/// Kept: `-word` (NOT) and tokens with field or range syntax (`date:2024-07-01..`). Pure.
std::string split_hyphenated(std::string_view text);

/// `text` with Xapian's operators and punctuation removed, for the fallback. Pure.
std::string strip_operators(std::string_view text);

/// The `word` of every `word*` in `text`, lower-cased (ASCII). Pure.
std::vector<std::string> wildcard_prefixes(std::string_view text);

}  // namespace article_search::search
