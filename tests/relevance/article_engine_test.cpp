/// @file article-search as the evaluation runs it: the real indexer and run_search on a
/// tiny judged collection, and the tuning settings.
#include "article_engine.h"

#include "evaluation.h"
#include "query.h"
#include "ranking_settings.h"

#include <doctest/doctest.h>

using namespace article_search;
using namespace article_search::relevance;

namespace {

Collection tiny_collection() {
  return make_collection(
      "tiny",
      {{"storm-1", "Storm batters the coast", "Heavy storms flooded the harbour and the coast road."},
       {"market-1", "Markets rally", "Shares rose on Monday as banks gained."},
       {"storm-2", "", "A storm warning was issued for the islands; storm season starts."},
       {"empty", "", "  "},
       {"vote-1", "Parliament vote", "The parliament voted against the budget and the storm fund."}},
      {{"q1", "STORM AND COAST"}, {"q2", "banks shares"}},
      {{"q1", {{"storm-1", 2}, {"storm-2", 1}, {"market-1", 0}}}, {"q2", {{"market-1", 1}}}});
}

}  // namespace

TEST_SUITE("article-search engine") {

TEST_CASE("documents go through the indexer and queries through run_search") {
  const Collection collection = tiny_collection();
  ArticleEngine engine;
  const EngineResult result = evaluate(engine, collection);
  const Ranking& storm = result.run.at("q1");
  REQUIRE(storm.size() >= 2);
  CHECK(storm[0].doc == "storm-1");  // both words, one in the title
  CHECK(storm[0].score > storm[1].score);
  REQUIRE_FALSE(result.run.at("q2").empty());
  CHECK(result.run.at("q2")[0].doc == "market-1");
  CHECK(result.scores.per_query.at("q2").ndcg_at_10 == doctest::Approx(1.0));
}

TEST_CASE("an all-capitals query is words: its AND does not exclude documents") {
  const Collection collection = tiny_collection();
  ArticleEngine engine;
  engine.index(collection.docs);
  // storm-2 and vote-1 lack "coast": as an operator, AND would drop them.
  CHECK(engine.search("STORM AND COAST", 10).size() == 3);
  search::RankingConfig operators = search::default_ranking;
  operators.all_caps_as_words = false;
  engine.set_ranking(operators);
  CHECK(engine.search("STORM AND COAST", 10).size() == 1);
  CHECK(engine.search("storm AND coast", 10).size() == 1);
}

TEST_CASE("lower_if_all_caps lowers only queries without lower-case letters") {
  CHECK(search::lower_if_all_caps("KENNEDY AND DIEM'S U.S. AID") == "kennedy and diem's u.s. aid");
  CHECK(search::lower_if_all_caps("Kaspersky AND Norton") == "Kaspersky AND Norton");
  CHECK(search::lower_if_all_caps("1,000 ?") == "1,000 ?");
  CHECK(search::lower_if_all_caps("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");
  CHECK(search::lower_if_all_caps("AND") == "AND");  // operators only: the parser's fallback
  CHECK(search::lower_if_all_caps("NOT OR") == "NOT OR");
}

TEST_CASE("split_hyphenated makes hyphenated words separate words, keeping NOT and ranges") {
  CHECK(search::split_hyphenated("IL-6 and T-cell anti-inflammatory") == "IL 6 and T cell anti inflammatory");
  CHECK(search::split_hyphenated("\xCE\xB2-cells") == "\xCE\xB2 cells");
  CHECK(search::split_hyphenated("storm -rain") == "storm -rain");
  CHECK(search::split_hyphenated("a - b") == "a - b");
  CHECK(search::split_hyphenated("-x-") == "-x-");
  CHECK(search::split_hyphenated("born 1963-01-04 in X-ray") == "born 1963 01 04 in X ray");
  CHECK(search::split_hyphenated("date:2024-07-01..2024-07-31 title:e-mail") ==
        "date:2024-07-01..2024-07-31 title:e-mail");
}

TEST_CASE("a hyphenated query word also finds documents that use only one part") {
  ArticleEngine engine;
  engine.index({{"apart", "", "The cell wall of the bacterium."}, {"other", "", "Nothing here."}});
  CHECK(engine.search("T-cell", 10).size() == 1);
  search::RankingConfig phrases = search::default_ranking;
  phrases.split_hyphenated_words = false;
  engine.set_ranking(phrases);
  CHECK(engine.search("T-cell", 10).empty());
}

TEST_CASE("ranking settings are set by name, and bad names or values are refused") {
  search::RankingConfig config;
  CHECK(apply_setting(config, "bm25_k1=0.9").empty());
  CHECK(config.bm25_k1 == doctest::Approx(0.9));
  CHECK(apply_setting(config, "use_stopwords=false").empty());
  CHECK_FALSE(config.use_stopwords);
  CHECK(apply_setting(config, "default_operator=plain_or").empty());
  CHECK(config.default_operator == search::DefaultOperator::plain_or);
  CHECK(apply_setting(config, "weighting=dph").empty());
  CHECK(config.weighting == search::WeightingScheme::dph);
  CHECK(apply_setting(config, "weighting=tfidf").find("`weighting` must be one of bm25,") == 0);
  CHECK(apply_setting(config, "near_pair_window=5").empty());
  CHECK(config.near_pair_window == 5);
  CHECK(apply_setting(config, "near_pair_window=2.5") ==
        "`near_pair_window` must be a whole number from 1 to 1000, got `2.5`");
  CHECK(apply_setting(config, "bm25_b=-1") == "`bm25_b` must be a number from 0 to 1000, got `-1`");
  CHECK(apply_setting(config, "use_stopwords=maybe") == "`use_stopwords` must be true or false, got `maybe`");
  CHECK(apply_setting(config, "k9=1").find("unknown ranking setting `k9`") == 0);
  CHECK(apply_setting(config, "bm25_k1") == "expected NAME=VALUE, got `bm25_k1`");
}

}
