/// @file The fixed query mix: one word, 2-3 words, phrases, a field query, a filter,
/// drawn from a corpus at various document frequencies.
///
/// Stored as TSV, one query a line: `kind<TAB>word word...<TAB>field<TAB>source`, so each
/// engine renders it in its own syntax.
#pragma once

#include "corpus.h"

#include <cstdint>
#include <string>
#include <vector>

namespace article_search::bench {

enum class QueryKind { word, words, phrase, field, filter };

struct Query {
  QueryKind kind = QueryKind::word;
  std::vector<std::string> words;  ///< lowercase ASCII words
  std::string field;               ///< "title" for field queries
  std::string filter_source;       ///< the source to filter on, for filter queries
};

std::string to_tsv(const Query& query);
std::vector<Query> read_query_mix(const std::string& path);

/// Draws `count` queries from the first `max_articles` articles of the inputs, with a
/// fixed seed: words from every band of document frequency (common to rare), phrases of
/// consecutive words, title words, and words filtered by one of the corpus's sources.
std::vector<Query> draw_query_mix(const std::vector<std::string>& inputs, std::size_t count,
                                  std::uint64_t seed, std::size_t max_articles = 5000);

/// As draw_query_mix, but every query differs from the others (up to 20 × count draws;
/// a kind with fewer distinct queries than its share gets fewer): a load test's mix that the server's caches cannot learn as a short loop. Fewer
/// than `count` when the corpus has not that many.
std::vector<Query> draw_distinct_query_mix(const std::vector<std::string>& inputs,
                                           std::size_t count, std::uint64_t seed,
                                           std::size_t max_articles = 5000);

}  // namespace article_search::bench
