/// @file Misspelled variants of judged queries, for measuring typo tolerance (issue 20):
/// one random insertion, deletion, substitution or swap of neighbours in one word of 5 or
/// more letters per query, seeded, so every run makes the same typos.
#pragma once

#include "collection.h"

#include <cstdint>
#include <string>
#include <vector>

namespace article_search::relevance {

/// The seed the gate uses (scripts/checks/30-relevance.sh, docs/relevance.md).
inline constexpr std::uint64_t default_typo_seed = 20;

/// What misspell did to a query.
struct Misspelling {
  std::string text;      ///< the query with the typo (unchanged when no word qualifies)
  std::string original;  ///< the word changed, empty when none
  std::string typo;      ///< what it became
};

/// `text` with one typo in one of its words of 5 or more ASCII letters (a maximal run of
/// letters), word, kind of edit, place and letter drawn from a generator seeded with
/// `seed` and `key` (the query's id). The typo always changes the word. Pure.
Misspelling misspell(const std::string& text, const std::string& key, std::uint64_t seed);

/// The collection's queries, each misspelled, with the same ids and judgments, and no
/// documents (for an engine that has indexed the collection).
Collection misspelled(const Collection& collection, std::uint64_t seed);

/// nDCG@10 of article-search on a collection's clean and misspelled queries, with typo
/// tolerance on (as configured) and off.
struct TypoReport {
  std::string collection;
  std::size_t queries = 0, misspelled = 0;  ///< misspelled: queries with a word changed
  double clean_on = 0, clean_off = 0, misspelled_off = 0, misspelled_on = 0;
  /// What the misspelled queries keep of the clean ones' nDCG@10, typos on.
  double kept() const { return clean_on > 0 ? misspelled_on / clean_on : 0; }
};

/// A Markdown table of the reports. Pure.
std::string format_typo_table(const std::vector<TypoReport>& reports);

}  // namespace article_search::relevance
