/// @file Scoring rankings against judgments exactly as trec_eval 10.0 does.
///
/// - The ranking is re-sorted the way trec_eval's form_res_rels does: score descending,
///   ties broken by doc id in DEScending strcmp order, then cut at 1000 documents.
/// - nDCG@10 (ndcg_cut.10): gain = judged relevance value, discount 1/log2(rank + 1),
///   the ideal is the best ordering of every judged document, cut at 10 as well.
/// - MAP (map): sum of precision at each relevant document retrieved, divided by the
///   number of relevant documents judged (relevance >= 1).
/// - Recall@100 (recall_100) and P@10 (P_10): missing ranks count as non-relevant.
/// - Means are over every judged query, as `trec_eval -c` averages: a query with no
///   results scores 0.
#pragma once

#include "collection.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace article_search::relevance {

struct Scored {
  std::string doc;
  double score = 0;
};
using Ranking = std::vector<Scored>;
/// Query id -> its ranking.
using Run = std::map<std::string, Ranking>;

/// trec_eval's default depth (-M 1000).
inline constexpr std::size_t max_ranked = 1000;

struct Measures {
  double ndcg_at_10 = 0;
  double map = 0;
  double recall_at_100 = 0;
  double p_at_10 = 0;
};

/// The ranking in trec_eval's order, cut at max_ranked.
Ranking trec_order(Ranking ranking);

/// The measures of one query.
Measures score_query(const Ranking& ranking, const Judgments& judgments);

struct RunScores {
  Measures mean;
  std::map<std::string, Measures> per_query;
};

/// Scores every judged query of `qrels` (those missing from `run` score 0) and averages.
RunScores score_run(const Run& run, const Qrels& qrels);

}  // namespace article_search::relevance
