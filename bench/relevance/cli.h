/// @file The article-eval command line.
#pragma once

#include "misspell.h"
#include "ranking.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace article_search::relevance {

struct EvalOptions {
  std::filesystem::path corpora;  ///< the folder holding scifact/, cranfield/, time/
  std::vector<std::string> collections = {"scifact", "cranfield", "time"};
  std::string split = "test";  ///< SciFact's query split: test or train
  bool peer = true;            ///< also evaluate SQLite FTS5
  std::filesystem::path runs;  ///< when set, TREC run files are written there
  /// Collection name (as printed, e.g. "scifact-test") -> lowest acceptable nDCG@10 of
  /// article-search; below it the command fails (exit 1).
  std::map<std::string, double> min_ndcg_at_10;
  /// What article-search ranks with: the server's defaults unless `--set` changes them.
  search::RankingConfig ranking = search::default_ranking;
  /// How many results are ranked per query (trec_eval's 1000; less is faster for
  /// tuning, but MAP then becomes MAP at that depth).
  std::size_t depth = 1000;
  /// Tuning: each entry is `NAME=VALUE,NAME=VALUE...` applied on top of `ranking`. With
  /// variants, each collection is indexed once and every variant is scored on it.
  std::vector<std::string> variants;
  /// Typo tolerance (misspell.h): also score misspelled variants of the queries, with
  /// typos on and off, seeded with `typo_seed`.
  bool typos = false;
  std::uint64_t typo_seed = default_typo_seed;
  /// When set, fail (exit 1) if the misspelled queries keep less than this share of the
  /// clean queries' nDCG@10 (typos on) on any collection.
  std::optional<double> min_typo_ratio;
};

struct EvalCommand {
  enum class Kind { run, help, version, usage_error } kind = Kind::run;
  EvalOptions options;
  std::string error;
};

/// Parses argv (without the program name). Pure.
EvalCommand parse_eval_command_line(const std::vector<std::string>& args);

std::string eval_usage_text();

/// Runs the command: 0 on success, 1 on a runtime error or a failed gate, 2 on a usage error.
int run_eval_command(const EvalCommand& command);

}  // namespace article_search::relevance
