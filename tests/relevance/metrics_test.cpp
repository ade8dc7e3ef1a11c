/// @file The scorer, pinned on hand-computed examples (trec_eval 10.0 semantics).
#include "metrics.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace article_search::relevance;

namespace {
/// "r7" from ("r", 7). Appending, not `"r" + std::to_string(i)`: GCC 12 at -O3 warns
/// falsely (-Wrestrict, GCC bug 105329) on operator+(const char*, std::string&&).
std::string numbered(const char* prefix, int i) {
  std::string name(prefix);
  name += std::to_string(i);
  return name;
}
}  // namespace

TEST_SUITE("metrics") {

// Judged: d1 gain 2, d2 and d4 gain 1, d3 judged non-relevant. Scores tie between dX
// (unjudged) and d4: trec_eval breaks ties by doc id in descending strcmp order, so dX
// ("X" > "4") ranks third and d4 fourth. d2 is never retrieved.
const Judgments judged = {{"d1", 2}, {"d2", 1}, {"d3", 0}, {"d4", 1}};
const Ranking ranked = {{"d4", 3.0}, {"d1", 4.0}, {"d3", 5.0}, {"dX", 3.0}};

TEST_CASE("nDCG@10 uses the judged gains, a log2(rank + 1) discount and the ideal order") {
  // DCG = 2/log2(3) + 1/log2(5); ideal = 2/log2(2) + 1/log2(3) + 1/log2(4).
  const double dcg = 2 / std::log2(3.0) + 1 / std::log2(5.0);
  const double ideal = 2 + 1 / std::log2(3.0) + 0.5;
  CHECK(score_query(ranked, judged).ndcg_at_10 == doctest::Approx(dcg / ideal).epsilon(1e-12));
  CHECK(score_query(ranked, judged).ndcg_at_10 == doctest::Approx(0.5405857679));
}

TEST_CASE("MAP averages the precision at each relevant document over all relevant judged") {
  // Relevant at ranks 2 and 4: (1/2 + 2/4) / 3 relevant documents.
  CHECK(score_query(ranked, judged).map == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("P@10 and Recall@100 count missing ranks as non-relevant") {
  const Measures measures = score_query(ranked, judged);
  CHECK(measures.p_at_10 == doctest::Approx(0.2));
  CHECK(measures.recall_at_100 == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("ties are broken by doc id in descending order, whatever the input order") {
  const Ranking reordered = trec_order({{"a", 1.0}, {"c", 1.0}, {"b", 2.0}, {"b2", 1.0}});
  REQUIRE(reordered.size() == 4);
  CHECK(reordered[0].doc == "b");
  CHECK(reordered[1].doc == "c");
  CHECK(reordered[2].doc == "b2");
  CHECK(reordered[3].doc == "a");
}

TEST_CASE("the ideal ranking is cut at 10 too: ten relevant first of twelve scores 1") {
  Judgments twelve;
  Ranking ranking;
  for (int i = 0; i < 12; ++i) {
    twelve[numbered("r", i)] = 1;
    ranking.push_back({numbered("r", i), 100.0 - i});
  }
  ranking.resize(10);
  const Measures measures = score_query(ranking, twelve);
  CHECK(measures.ndcg_at_10 == doctest::Approx(1.0));
  CHECK(measures.p_at_10 == doctest::Approx(1.0));
  CHECK(measures.recall_at_100 == doctest::Approx(10.0 / 12.0));
  CHECK(measures.map == doctest::Approx(10.0 / 12.0));
}

TEST_CASE("only the first 1000 ranked documents count") {
  Ranking ranking;
  for (int i = 0; i < 1001; ++i) ranking.push_back({numbered("n", i), 2000.0 - i});
  ranking.push_back({"late", 0.5});
  CHECK(trec_order(ranking).size() == 1000);
  CHECK(score_query(ranking, {{"late", 1}}).map == 0.0);
  CHECK(score_query(ranking, {{"n999", 1}}).map == doctest::Approx(1.0 / 1000));
}

TEST_CASE("means are over every judged query; one missing from the run scores zero") {
  const Qrels qrels = {{"q1", {{"a", 1}}}, {"q2", {{"b", 1}}}};
  const Run run = {{"q1", {{"a", 1.0}}}, {"q-unjudged", {{"b", 1.0}}}};
  const RunScores scores = score_run(run, qrels);
  CHECK(scores.per_query.size() == 2);
  CHECK(scores.mean.ndcg_at_10 == doctest::Approx(0.5));
  CHECK(scores.mean.map == doctest::Approx(0.5));
  CHECK(scores.mean.recall_at_100 == doctest::Approx(0.5));
  CHECK(scores.mean.p_at_10 == doctest::Approx(0.05));
}

}
