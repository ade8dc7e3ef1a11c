/// @file Searching an index of several languages: which stemmers a query's words are
/// stemmed with (format/language.h stems each article in its own language).
///
/// The parser stems with the primary language; every other language present widens each
/// plain word into OP_SYNONYM of its stems (query_rewrite.h), so `élections` also finds
/// the French "élection" and `Wahlen` the German "Wahl". OP_SYNONYM weighs the stems as
/// one term: a word whose stems agree across languages is searched exactly as before,
/// and an index of one language (every evaluation collection) is searched exactly as
/// before. Phrases are stemmed in the primary language only (query_rewrite.h).
#pragma once

#include "query_rewrite.h"

#include <xapian.h>

#include <string>
#include <vector>

namespace article_search::search {

struct QueryLanguages {
  std::string primary;              ///< the parser's stemmer
  std::vector<std::string> others;  ///< each word is also stemmed in these
};

/// Most languages one query is stemmed in.
inline constexpr std::size_t max_query_languages = 8;

/// The languages to stem a query in: those of `asked` (the `language` filter's values)
/// that Xapian stems, else every analysis language of `db`, the most common first;
/// English when neither says.
QueryLanguages query_languages(const Xapian::Database& db, const std::vector<std::string>& asked);

/// The common function words of `language` (a stemmer_language code) dropped from plain
/// queries in that language, as Snowball's stopword lists begin; empty for English (its
/// list is in query.cpp) and for a language without a list here.
const std::vector<const char*>& query_stopwords(const std::string& language);

/// Gives `parser` the stopwords of the query's primary `language`, or the English ones
/// (english_stopwords()) when it has none. Only the primary's: a function word of one language is a word of another
/// (German "war", "mit", "die"; French "son", "an"), so in a mixed index a query stops
/// the words of the language it is read in, the one asked for or else the index's most
/// common.
void set_query_stopwords(Xapian::QueryParser& parser, const std::string& language);

/// A widener adding each free-text word's stems in `languages.others`; empty when there
/// are none. `parser` (which must outlive it) tells the words a term was stemmed from.
TermWidener stem_widener(const Xapian::QueryParser& parser, const QueryLanguages& languages);

}  // namespace article_search::search
