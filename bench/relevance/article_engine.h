/// @file article-search itself, as the evaluation sees it: the project's indexer builds the
/// database from the collection, the server's search code answers each query.
#pragma once

#include "engine.h"
#include "ranking.h"
#include "typos.h"
#include "work_dir.h"

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <optional>

namespace article_search::relevance {

/// Writes `docs` as the indexer's JSON Lines input ({"_id","title","text"} per line).
void write_jsonl(const std::vector<Doc>& docs, const std::filesystem::path& file);

class ArticleEngine : public Engine {
 public:
  /// `config` is what the server ranks with: search::default_ranking unless tuning.
  explicit ArticleEngine(const search::RankingConfig& config = search::default_ranking);
  std::string name() const override { return "article-search"; }
  /// Runs the indexer (indexer::run, a fresh database) on the documents as JSON Lines.
  void index(const std::vector<Doc>& docs) override;
  /// Ranks later searches with `config` (the index stays as it is).
  void set_ranking(const search::RankingConfig& config);
  /// The query as the server runs a plain `q`: search::make_parser + search::run_search.
  Ranking search(const std::string& query, std::size_t depth) override;

 private:
  search::RankingConfig config_;
  WorkDir work_;
  std::optional<Xapian::Database> db_;
  std::optional<Xapian::QueryParser> parser_;
  search::TypoLexicons typos_;  ///< as the server keeps one per database
};

}  // namespace article_search::relevance
