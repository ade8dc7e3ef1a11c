/// @file How common a word is in news at large: the weights that make "kaspersky" say more
/// about an article's story than "company". A fixed table (group/background_df.txt, the
/// document frequencies of stemmed words in a background news collection), not the
/// database's own statistics: an article's keywords then depend on the article alone, so
/// the groups do not shift as the archive grows, and a --rebuild gives what incremental
/// runs gave. Regenerate the table with bench-grouping-background (docs/grouping.md).
#pragma once

#include <string_view>

namespace article_search::group {

/// log(N / df) of a stemmed word over the background collection's N articles; a word it
/// never or hardly saw (a name, a rare word) gets the weight of one seen in one article
/// and a half. Pure.
double background_idf(std::string_view term);

}  // namespace article_search::group
