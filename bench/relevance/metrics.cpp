/// @file Scoring rankings against judgments exactly as trec_eval 10.0 does.
#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace article_search::relevance {
namespace {

/// The judged gain of each ranked document; unjudged documents get -1, as trec_eval's
/// RELVALUE_NONPOOL, which no measure counts.
std::vector<int> ranked_gains(const Ranking& ranking, const Judgments& judgments) {
  std::vector<int> gains;
  gains.reserve(ranking.size());
  for (const Scored& scored : ranking) {
    const auto judged = judgments.find(scored.doc);
    gains.push_back(judged == judgments.end() ? -1 : judged->second);
  }
  return gains;
}

double discounted_gain(const std::vector<int>& gains, std::size_t cutoff) {
  double sum = 0;
  for (std::size_t i = 0; i < gains.size() && i < cutoff; ++i) {
    if (gains[i] > 0) sum += gains[i] / std::log2(static_cast<double>(i + 2));
  }
  return sum;
}

double ndcg_at(const std::vector<int>& gains, const Judgments& judgments, std::size_t cutoff) {
  std::vector<int> ideal;
  for (const auto& [doc, gain] : judgments) {
    if (gain > 0) ideal.push_back(gain);
  }
  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  const double ideal_dcg = discounted_gain(ideal, cutoff);
  const double dcg = discounted_gain(gains, cutoff);
  return ideal_dcg > 0 ? dcg / ideal_dcg : dcg;
}

std::size_t relevant_in_top(const std::vector<int>& gains, std::size_t cutoff) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < gains.size() && i < cutoff; ++i) count += gains[i] >= 1 ? 1 : 0;
  return count;
}

double average_precision(const std::vector<int>& gains, std::size_t relevant) {
  std::size_t so_far = 0;
  double sum = 0;
  for (std::size_t i = 0; i < gains.size(); ++i) {
    if (gains[i] < 1) continue;
    ++so_far;
    sum += static_cast<double>(so_far) / static_cast<double>(i + 1);
  }
  return so_far > 0 ? sum / static_cast<double>(relevant) : 0;
}

}  // namespace

Ranking trec_order(Ranking ranking) {
  std::sort(ranking.begin(), ranking.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::strcmp(a.doc.c_str(), b.doc.c_str()) > 0;
  });
  if (ranking.size() > max_ranked) ranking.resize(max_ranked);
  return ranking;
}

Measures score_query(const Ranking& ranking, const Judgments& judgments) {
  const std::vector<int> gains = ranked_gains(trec_order(ranking), judgments);
  std::size_t relevant = 0;
  for (const auto& [doc, gain] : judgments) relevant += gain >= 1 ? 1 : 0;
  Measures measures;
  measures.ndcg_at_10 = ndcg_at(gains, judgments, 10);
  measures.map = average_precision(gains, relevant);
  measures.p_at_10 = static_cast<double>(relevant_in_top(gains, 10)) / 10.0;
  if (relevant > 0) {
    measures.recall_at_100 =
        static_cast<double>(relevant_in_top(gains, 100)) / static_cast<double>(relevant);
  }
  return measures;
}

RunScores score_run(const Run& run, const Qrels& qrels) {
  RunScores scores;
  for (const auto& [query, judgments] : qrels) {
    const auto ranked = run.find(query);
    const Measures measures = ranked == run.end() ? Measures{} : score_query(ranked->second, judgments);
    scores.per_query[query] = measures;
    scores.mean.ndcg_at_10 += measures.ndcg_at_10;
    scores.mean.map += measures.map;
    scores.mean.recall_at_100 += measures.recall_at_100;
    scores.mean.p_at_10 += measures.p_at_10;
  }
  if (!qrels.empty()) {
    const auto n = static_cast<double>(qrels.size());
    scores.mean.ndcg_at_10 /= n;
    scores.mean.map /= n;
    scores.mean.recall_at_100 /= n;
    scores.mean.p_at_10 /= n;
  }
  return scores;
}

}  // namespace article_search::relevance
