/// @file article-search itself, as the evaluation sees it: the project's indexer builds the
/// database from the collection, the server's search code answers each query.
#pragma once

#include "engine.h"
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
  ArticleEngine();
  std::string name() const override { return "article-search"; }
  /// Runs the indexer (indexer::run, a fresh database) on the documents as JSON Lines.
  void index(const std::vector<Doc>& docs) override;
  Ranking search(const std::string& query, std::size_t depth) override;

 private:
  WorkDir work_;
  std::optional<Xapian::Database> db_;
};

}  // namespace article_search::relevance
