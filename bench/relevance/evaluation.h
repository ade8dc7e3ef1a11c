/// @file Running engines over a collection and tabulating the scores side by side.
#pragma once

#include "collection.h"
#include "engine.h"
#include "metrics.h"

#include <optional>
#include <string>
#include <vector>

namespace article_search::relevance {

struct EngineResult {
  std::string engine;
  Run run;
  RunScores scores;
  double index_seconds = 0;
  double search_seconds = 0;
};

/// Runs every judged query with an engine that has indexed the collection, to `depth`
/// (at most max_ranked), and scores the run.
EngineResult search_and_score(Engine& engine, const Collection& collection, std::size_t depth);

/// Indexes the collection with `engine`, runs every judged query to `depth` (at most
/// max_ranked) and scores the run.
EngineResult evaluate(Engine& engine, const Collection& collection, std::size_t depth = max_ranked);

/// A published figure to print beside ours (nDCG@10 and Recall@100 only).
struct Published {
  double ndcg_at_10 = 0;
  double recall_at_100 = 0;
  std::string system;
};

/// The published BM25 figure for a collection, when there is one (SciFact test).
std::optional<Published> published_figure(const std::string& collection);

struct CollectionReport {
  std::string collection;
  std::size_t docs = 0;
  std::size_t queries = 0;
  EngineResult ours;
  std::optional<EngineResult> peer;
};

/// A Markdown table: per collection, nDCG@10, MAP, Recall@100 and P@10 of both engines,
/// their ratio, and the published figure where one exists. Pure.
std::string format_table(const std::vector<CollectionReport>& reports);

/// The run in TREC format (`qid Q0 doc rank score tag`), for checking with trec_eval.
std::string format_trec_run(const Run& run, const std::string& tag);

}  // namespace article_search::relevance
