/// @file article-eval's argument parsing.
#include "cli.h"

#include <doctest/doctest.h>

using namespace article_search::relevance;
using Kind = EvalCommand::Kind;

TEST_SUITE("article-eval command line") {

TEST_CASE("the defaults evaluate every collection on SciFact test with the peer") {
  const EvalCommand command = parse_eval_command_line({});
  REQUIRE(command.kind == Kind::run);
  CHECK(command.options.collections == std::vector<std::string>{"scifact", "cranfield", "time"});
  CHECK(command.options.split == "test");
  CHECK(command.options.peer);
  CHECK(command.options.depth == 1000);
}

TEST_CASE("options are read; thresholds and settings are checked") {
  const EvalCommand command = parse_eval_command_line(
      {"--collections", "time,cranfield", "--split", "train", "--no-peer", "--min-ndcg10",
       "scifact-test=0.679", "--set", "bm25_b=0.4", "--depth", "100", "--variant", "bm25_k1=1,bm25_b=0.5"});
  REQUIRE(command.kind == Kind::run);
  CHECK(command.options.collections == std::vector<std::string>{"time", "cranfield"});
  CHECK(command.options.split == "train");
  CHECK_FALSE(command.options.peer);
  CHECK(command.options.min_ndcg_at_10.at("scifact-test") == doctest::Approx(0.679));
  CHECK(command.options.ranking.bm25_b == doctest::Approx(0.4));
  CHECK(command.options.depth == 100);
  CHECK(command.options.variants.size() == 1);
  // Feedback is switched on by a count of documents and off by 0.
  const EvalCommand feedback = parse_eval_command_line(
      {"--set", "prf_docs=5", "--set", "prf_terms=0", "--set", "prf_original_weight=0.9"});
  REQUIRE(feedback.kind == Kind::run);
  CHECK(feedback.options.ranking.prf_docs == 5);
  CHECK(feedback.options.ranking.prf_terms == 0);
  CHECK(feedback.options.ranking.prf_original_weight == doctest::Approx(0.9));
}

TEST_CASE("each bad argument is a usage error that names it") {
  const struct {
    std::vector<std::string> args;
    const char* message;
  } rows[] = {
      {{"--collections", "scifact,cisi"}, "unknown collection `cisi`"},
      {{"--split", "dev"}, "`--split` must be test or train, got `dev`"},
      {{"--min-ndcg10", "scifact-test=2"}, "`--min-ndcg10` expects NAME=X with X from 0 to 1, got `scifact-test=2`"},
      {{"--depth", "5000"}, "`--depth` must be an integer from 10 to 1000, got `5000`"},
      {{"--set", "bm25_k1=x"}, "`bm25_k1` must be a number from 0 to 1000, got `x`"},
      {{"--variant", "nope=1"}, nullptr},
      {{"--set", "phrase_pair_window=0"}, "`phrase_pair_window` must be a whole number from 1 to 1000, got `0`"},
      {{"--set", "prf_docs=2.5"}, "`prf_docs` must be a whole number from 0 to 1000, got `2.5`"},
      {{"--runs"}, "option `--runs` needs a value"},
      {{"--frobnicate"}, "unknown option `--frobnicate`"},
  };
  for (const auto& row : rows) {
    const EvalCommand command = parse_eval_command_line(row.args);
    CHECK(command.kind == Kind::usage_error);
    if (row.message != nullptr) CHECK(command.error == row.message);
  }
  CHECK(parse_eval_command_line({"--help"}).kind == Kind::help);
  CHECK(parse_eval_command_line({"--version"}).kind == Kind::version);
}

}
