/// @file Running engines over a collection and tabulating the scores side by side.
#include "evaluation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace article_search::relevance {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string fixed(double value, const char* format = "%.4f") {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

struct MetricRow {
  const char* label;
  double Measures::*field;
};

constexpr MetricRow metric_rows[] = {
    {"nDCG@10", &Measures::ndcg_at_10},
    {"MAP", &Measures::map},
    {"Recall@100", &Measures::recall_at_100},
    {"P@10", &Measures::p_at_10},
};

std::string published_cell(const std::optional<Published>& published, double Measures::*field) {
  if (!published) return "";
  if (field == &Measures::ndcg_at_10) return fixed(published->ndcg_at_10);
  if (field == &Measures::recall_at_100) return fixed(published->recall_at_100);
  return "";
}

}  // namespace

EngineResult search_and_score(Engine& engine, const Collection& collection, std::size_t depth) {
  EngineResult result;
  result.engine = engine.name();
  const auto start = std::chrono::steady_clock::now();
  for (const Query& query : collection.queries) {
    result.run[query.id] = engine.search(query.text, std::min(depth, max_ranked));
  }
  result.search_seconds = seconds_since(start);
  result.scores = score_run(result.run, collection.qrels);
  return result;
}

EngineResult evaluate(Engine& engine, const Collection& collection, std::size_t depth) {
  const auto start = std::chrono::steady_clock::now();
  engine.index(collection.docs);
  const double index_seconds = seconds_since(start);
  EngineResult result = search_and_score(engine, collection, depth);
  result.index_seconds = index_seconds;
  return result;
}

std::optional<Published> published_figure(const std::string& collection) {
  // Anserini BM25 "flat", trec_eval -c (castorini/anserini regressions-beir-v1.0.0-scifact.flat).
  if (collection == "scifact-test") return Published{0.6789, 0.9253, "Anserini BM25 flat"};
  return std::nullopt;
}

std::string format_table(const std::vector<CollectionReport>& reports) {
  std::string table =
      "| collection | metric | article-search | FTS5 bm25() | ratio | published BM25 |\n"
      "|---|---|---:|---:|---:|---:|\n";
  for (const CollectionReport& report : reports) {
    const auto published = published_figure(report.collection);
    const std::string name = report.collection + " (" + std::to_string(report.docs) + " docs, " +
                             std::to_string(report.queries) + " q)";
    bool first = true;
    for (const MetricRow& row : metric_rows) {
      const double ours = report.ours.scores.mean.*row.field;
      std::string peer, ratio;
      if (report.peer) {
        const double theirs = report.peer->scores.mean.*row.field;
        peer = fixed(theirs);
        ratio = theirs > 0 ? fixed(ours / theirs, "%.3f") : "-";
      }
      table += "| " + (first ? name : std::string()) + " | " + row.label + " | " + fixed(ours) +
               " | " + peer + " | " + ratio + " | " + published_cell(published, row.field) + " |\n";
      first = false;
    }
  }
  return table;
}

std::string format_trec_run(const Run& run, const std::string& tag) {
  std::string text;
  for (const auto& [query, ranking] : run) {
    std::size_t rank = 0;
    for (const Scored& scored : trec_order(ranking)) {
      text += query + " Q0 " + scored.doc + " " + std::to_string(++rank) + " " +
              fixed(scored.score, "%.9g") + " " + tag + "\n";
    }
  }
  return text;
}

}  // namespace article_search::relevance
