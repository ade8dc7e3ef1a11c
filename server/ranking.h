/// @file Every ranking default in one place, so the relevance evaluation can tune the values.
///
/// Only the VALUES below are meant to change; the query-building code reads them from a
/// RankingConfig and never hard-codes a weight.
#pragma once

#include <xapian.h>

namespace article_search::search {

/// How plain words (no operator between them) are combined.
enum class DefaultOperator {
  or_with_and_boost,  ///< OP_OR, plus extra weight for documents holding every word
  plain_or,           ///< Xapian's default: OP_OR under BM25
  all_words,          ///< OP_AND: only documents holding every word
};

struct RankingConfig {
  // BM25 parameters (Xapian's defaults are k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5).
  double bm25_k1 = 1.2;
  double bm25_k2 = 0.0;
  double bm25_k3 = 1.0;
  double bm25_b = 0.75;
  double bm25_min_normlen = 0.5;

  DefaultOperator default_operator = DefaultOperator::or_with_and_boost;
  /// Weight factor of the all-words query added to or_with_and_boost. The all-words
  /// documents get their words' weights again, times this, so they rise to the top.
  double and_boost = 1.0;

  /// Drop common English words from plain queries (not from phrases).
  bool use_stopwords = true;

  /// Extra weight for matches in the title at query time (0 disables). Titles already
  /// count schema::title_wdf times at index time.
  double title_boost = 0.0;

  /// Most terms a wildcard (`kasp*`) expands to, keeping the most frequent.
  Xapian::termcount wildcard_expansion_limit = 100;

  /// Added by the relevance evaluation (issue 5): a query without lower-case letters is
  /// read as plain words, so `AND`/`OR`/`NOT` in a shouted query ("KENNEDY AND DIEM") are
  /// words, not operators. Operators still work in any query with lower-case letters.
  bool all_caps_as_words = true;

  /// Added by the relevance evaluation (issue 5): words joined by hyphens (`IL-6`,
  /// `T-cell`, `anti-inflammatory`) are searched as separate words, as Lucene's analyzer
  /// does, not as a phrase: documents that write them apart, or use one part, still match.
  bool split_hyphenated_words = true;
};

/// The defaults, as used by the server.
inline constexpr RankingConfig default_ranking{};

/// The weighting scheme for a RankingConfig.
inline Xapian::BM25Weight make_weight(const RankingConfig& config) {
  return Xapian::BM25Weight(config.bm25_k1, config.bm25_k2, config.bm25_k3, config.bm25_b,
                            config.bm25_min_normlen);
}

}  // namespace article_search::search
